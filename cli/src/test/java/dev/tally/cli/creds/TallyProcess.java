package dev.tally.cli.creds;

import dev.tally.cli.SeparateProcess;
import dev.tally.cli.TallyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs Tally as its own process, the way an AWS SDK runs a credential_process: the test class path, the
 * entry point bin/tally uses for creds, an environment of the test's choosing, nothing inherited from AWS.
 */
final class TallyProcess {
    private TallyProcess() {}

    static List<String> command(List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CredsMain.class.getName()));
        command.addAll(args);
        return command;
    }

    static ProcessBuilder builder(Path dir, Map<String, String> env, List<String> jvmOptions, List<String> args) {
        ProcessBuilder pb = new ProcessBuilder(command(jvmOptions, args)).directory(dir.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("TALLY_") || k.startsWith("CC_"));
        e.putAll(env);
        return pb;
    }

    static TallyRun run(Path dir, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out-", ".txt");
        Path err = Files.createTempFile(dir, "err-", ".txt");
        return SeparateProcess.capture(builder(dir, env, jvmOptions, List.of(args)), out, err);
    }
}
