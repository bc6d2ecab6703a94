package dev.tally.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run for the JDK's ahead-of-time cache of every command but {@code creds} (which has its own
 * two, see {@code CredsTraining}), started by the cli build with {@code -XX:AOTCacheOutput}: it walks
 * picocli, a report over a small generated CUR 2.0 file in every format, and the help of every command, so
 * the classes they load are found linked at the next start (measured: a small report 1.31 s to 1.03 s).
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("tally-training-");
        try {
            PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
            Path cur = dir.resolve("sample.parquet");
            check(Tally.run(
                    nowhere, nowhere, "sample", "cur", "--rows", "2000", "--seed", "1", "--out", cur.toString()));
            for (String format : new String[] {"table", "json", "csv", "markdown"}) {
                check(Tally.run(
                        nowhere, nowhere, "report", cur.toString(), "--by", "tag:project,model", "--format", format));
            }
            check(Tally.run(
                    nowhere,
                    nowhere,
                    "report",
                    cur.toString(),
                    "--format",
                    "html",
                    "--out",
                    dir.resolve("r.html").toString()));
            for (String command : new String[] {
                "report", "ce", "iam", "tags", "export", "budget", "doctor", "emulator", "demo", "sample"
            }) {
                check(Tally.run(nowhere, nowhere, command, "--help"));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void check(int exit) {
        if (exit != 0) {
            throw new IllegalStateException("training command failed with exit code " + exit);
        }
    }
}
