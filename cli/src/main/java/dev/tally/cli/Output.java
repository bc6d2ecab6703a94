package dev.tally.cli;

import dev.tally.core.error.TallyException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

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
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw TallyException.usage("--out " + file + ": directory " + dir + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw TallyException.usage("--out " + file + " is a directory (expected a file name)");
        }
        return target;
    }

    public static void write(Path file, PrintWriter stdout, Body body) {
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
        Path dir = target.getParent();
        Path temp = null;
        try {
            // Not Files.createTempFile: its 0600 would stick to a report meant to be shared; CREATE_NEW keeps the umask.
            temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
            try (BufferedWriter w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.writeTo(w);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw TallyException.failure("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary file is hidden; nothing else to do
                }
            }
        }
    }
}
