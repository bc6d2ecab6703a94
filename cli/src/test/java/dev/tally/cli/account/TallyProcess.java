package dev.tally.cli.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cli.Tally;
import dev.tally.emulator.IamUser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tally} as a user does: in-process for what needs no AWS, or as a separate process whose AWS SDK
 * finds the endpoint through {@code AWS_ENDPOINT_URL} and its credentials in the environment, exactly as it
 * would against AWS.
 */
final class TallyProcess {
    record Result(int exit, String out, String err) {}

    private final URI endpoint;
    private final Path dir;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Map<String, String> overrides;

    /** Signing as the emulator's default IAM user, whose key pair the emulator checks. */
    TallyProcess(URI endpoint, Path dir) {
        this(endpoint, dir, IamUser.DEFAULT.accessKeyId(), IamUser.DEFAULT.secretAccessKey());
    }

    private TallyProcess(URI endpoint, Path dir, String accessKeyId, String secretAccessKey) {
        this(endpoint, dir, accessKeyId, secretAccessKey, Map.of());
    }

    private TallyProcess(
            URI endpoint, Path dir, String accessKeyId, String secretAccessKey, Map<String, String> overrides) {
        this.endpoint = endpoint;
        this.dir = dir;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.overrides = Map.copyOf(overrides);
    }

    /** The same runner with environment variables set, or removed where the value is empty. */
    TallyProcess withEnvironment(Map<String, String> variables) {
        Map<String, String> all = new java.util.HashMap<>(overrides);
        all.putAll(variables);
        return new TallyProcess(endpoint, dir, accessKeyId, secretAccessKey, all);
    }

    static Result inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Tally.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** One run against moto, which accepts any key pair. */
    static Result against(URI endpoint, Path dir, String... args) throws IOException, InterruptedException {
        return new TallyProcess(endpoint, dir, "test", "test").run(args);
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.tally.cli.Tally"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", accessKeyId);
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.remove("AWS_PROFILE");
        env.remove("TALLY_DEBUG");
        overrides.forEach((k, v) -> {
            if (v.isEmpty()) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
