package dev.tally.cli;

import dev.tally.core.error.TallyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output folders made up front, so a bad one is one clear line before any work, not a failure after it. */
public final class Directories {
    private Directories() {}

    public static Path writable(String option, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw TallyException.usage(option + " " + dir + ": cannot create the directory ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (!Files.isWritable(dir)) {
            throw TallyException.usage(option + " " + dir + ": the directory is not writable");
        }
        return dir;
    }
}
