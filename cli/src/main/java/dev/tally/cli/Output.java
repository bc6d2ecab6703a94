package dev.tally.cli;

import dev.tally.core.error.TallyException;
import dev.tally.core.io.AtomicFile;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a command's data goes: stdout, or a file that appears only whole. A file is written beside its
 * target and renamed over it, so a failure halfway leaves the old file (or none), never half of a new one.
 */
public final class Output {
    public interface Body {
        void writeTo(Writer out) throws IOException;
    }

    private Output() {}

    /** Refuses an --out whose folder is missing or that names a folder; call it before the work, too. */
    public static Path checkTarget(Path file) {
        Path target = file.toAbsolutePath();
        // A folder first: "/" has no parent, and a folder named as the target is the likelier slip.
        if (Files.isDirectory(target)) {
            throw TallyException.usage("--out " + file + " is a directory (expected a file name)");
        }
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw TallyException.usage("--out " + file + ": directory " + dir + " does not exist");
        }
        return target;
    }

    public static void write(@Nullable Path file, PrintWriter stdout, Body body) {
        if (file == null) {
            try {
                body.writeTo(stdout);
                stdout.flush();
            } catch (IOException e) {
                throw TallyException.failure("cannot write to stdout: " + e.getMessage(), e);
            }
            return;
        }
        Path target = checkTarget(file);
        try {
            // No fixed permissions: a report is meant to be shared, so the umask decides as for any file.
            AtomicFile.write(
                    target,
                    out -> {
                        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                        body.writeTo(w);
                        w.flush();
                    },
                    Optional.empty());
        } catch (IOException e) {
            throw TallyException.failure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
