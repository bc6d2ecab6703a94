package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code tally} in a JVM of its own, started with bin/tally's module options, for what an in-process run cannot show:
 * the environment it reads, and everything on its stdout and stderr, its child processes' included. Tests that start
 * it with other JVM options (as a credential_process, as the gateway's client) capture it through {@link #capture}.
 */
public final class SeparateProcess {
    private SeparateProcess() {}

    /**
     * Runs {@code tally ARGS} with environment variables set, or removed where the value is empty, and returns once
     * it ended. Its output stays in {@code dir/out} and {@code dir/err} until the next run in {@code dir}, for what
     * a child that outlived it wrote later.
     */
    public static TallyRun run(Path dir, Map<String, String> environment, List<String> args)
            throws IOException, InterruptedException {
        return run(dir.resolve("out"), dir.resolve("err"), environment, args);
    }

    /** As {@link #run(Path, Map, List)}, its output in files of the caller's naming, for runs that share a folder. */
    public static TallyRun run(Path out, Path err, Map<String, String> environment, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                // As bin/tally: the sample generator's compressor uses sun.misc.Unsafe, which JDK 25 warns about.
                "--sun-misc-unsafe-memory-access=allow",
                "-Dtally.root=" + System.getProperty("tally.root", "."),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.tally.cli.Tally"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        environment.forEach((k, v) -> {
            if (v.isEmpty()) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        return capture(pb, out, err);
    }

    /**
     * Starts {@code process} with its stdout in {@code out} and its stderr in {@code err}, and returns both once it
     * ended. Files, not pipes: nothing has to drain them while it runs, and a child that inherits them and outlives
     * it neither holds up reading them nor loses what it writes.
     */
    public static TallyRun capture(ProcessBuilder process, Path out, Path err)
            throws IOException, InterruptedException {
        Process p =
                process.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new TallyRun(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
