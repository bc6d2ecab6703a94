package dev.tally.cli.creds;

import dev.tally.cli.Tally;
import dev.tally.creds.CredentialProcess;
import dev.tally.creds.CredsArguments;
import dev.tally.creds.CredsRequest;
import dev.tally.creds.ProcessEnvironment;
import dev.tally.creds.cache.CacheKey;
import dev.tally.creds.cache.CredentialCache;
import dev.tally.creds.cache.SessionCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Training runs for the JDK's ahead-of-time caches (JEP 483/514/515), started by the cli build with
 * {@code -XX:AOTCacheOutput}. {@code hit} walks the cached path only (the cache {@code bin/tally} gives
 * every {@code tally creds} start); {@code miss} walks picocli and one AssumeRole through the AWS SDK
 * against an emulator in another process (so none of the emulator's classes land in the cache).
 */
public final class CredsTraining {
    private static final String ACCOUNT = "123456789012";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/tally-dev";
    /** AWS's documented example key pair: the emulator's default IAM user. */
    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private CredsTraining() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !List.of("hit", "miss").contains(args[0])) {
            throw new IllegalArgumentException("usage: CredsTraining hit|miss");
        }
        Path dir = Files.createTempDirectory("tally-aot-training-");
        try {
            Files.createDirectories(dir.resolve("repo/.git"));
            if (args[0].equals("hit")) {
                hits(dir);
            } else {
                misses(dir);
            }
        } finally {
            delete(dir);
        }
    }

    private static ProcessEnvironment environment(Path dir, String endpoint) {
        return new ProcessEnvironment(
                Map.of(
                        "XDG_CACHE_HOME", dir.resolve("cache").toString(),
                        "AWS_ENDPOINT_URL", endpoint,
                        "AWS_ACCESS_KEY_ID", ACCESS_KEY_ID,
                        "AWS_SECRET_ACCESS_KEY", SECRET,
                        "USER", "training"),
                dir.resolve("repo"),
                dir.resolve("home"));
    }

    private static void hits(Path dir) {
        ProcessEnvironment env = environment(dir, "http://127.0.0.1:9");
        List<String> line = List.of("--role-arn", ROLE, "--tag", "team=aot");
        CredsRequest request = CredsRequest.resolve(CredsArguments.parse(line), env);
        Instant now = Instant.now();
        CredentialCache.at(request.cacheDirectory())
                .write(
                        CacheKey.of(request),
                        new SessionCredentials(
                                "ASIATRAININGEXAMPLE1",
                                "training-secret",
                                "training-token",
                                now.plus(Duration.ofHours(1)),
                                now));
        for (int i = 0; i < 50; i++) {
            if (!CredsMain.serveFromCache(line, env, Clock.systemUTC(), OutputStream.nullOutputStream())) {
                throw new IllegalStateException("training: the cache did not serve what was just written");
            }
        }
    }

    private static void misses(Path dir) throws IOException, InterruptedException {
        Process emulator = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Tally.class.getName(),
                        "emulator")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String endpoint = new BufferedReader(
                            new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (endpoint == null) {
                throw new IllegalStateException("training: the emulator did not start");
            }
            ProcessEnvironment env = environment(dir, endpoint);
            List<String> line = List.of("--role-arn", ROLE, "--tag", "team=aot");
            CredentialProcess process = new CredentialProcess(env, Clock.systemUTC());
            for (int round = 0; round < 3; round++) {
                process.fetch(CredsRequest.resolve(CredsArguments.parse(line), env));
                process.clearCache();
            }
            PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
            Tally.run(nowhere, nowhere, "creds", "--help");
            Tally.run(nowhere, nowhere, "creds", "--no-such-option");
        } finally {
            emulator.destroy();
            emulator.waitFor();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
