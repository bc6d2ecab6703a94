package dev.tally.cli.account;

import dev.tally.cli.SeparateProcess;
import dev.tally.cli.TallyRun;
import dev.tally.emulator.IamUser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code tally} as a user does: in-process for what needs no AWS, or as a separate process whose AWS SDK
 * finds the endpoint through {@code AWS_ENDPOINT_URL} and its credentials in the environment, exactly as it
 * would against AWS.
 */
final class TallyProcess {
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
        Map<String, String> all = new HashMap<>(overrides);
        all.putAll(variables);
        return new TallyProcess(endpoint, dir, accessKeyId, secretAccessKey, all);
    }

    /** One run against moto, which accepts any key pair. */
    static TallyRun against(URI endpoint, Path dir, String... args) throws IOException, InterruptedException {
        return new TallyProcess(endpoint, dir, "test", "test").run(args);
    }

    /**
     * One run in a process of its own, its output in files of its own: a test class's runs often share {@code dir} (a
     * static {@code @TempDir}), and each keeps what it wrote.
     */
    TallyRun run(String... args) throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_ENDPOINT_URL", endpoint.toString());
        environment.put("AWS_ACCESS_KEY_ID", accessKeyId);
        environment.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        environment.put(
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        environment.put("AWS_PROFILE", "");
        environment.put("TALLY_DEBUG", "");
        environment.putAll(overrides);
        long run = System.nanoTime();
        return SeparateProcess.run(dir.resolve("out-" + run), dir.resolve("err-" + run), environment, List.of(args));
    }
}
