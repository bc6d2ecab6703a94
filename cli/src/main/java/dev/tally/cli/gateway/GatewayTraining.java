package dev.tally.cli.gateway;

import dev.tally.cli.Tally;
import dev.tally.core.price.PriceCatalog;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.gateway.Gateway;
import dev.tally.gateway.KeyLookup;
import dev.tally.gateway.config.GatewayConfig;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The training run for {@code tally gateway}'s own ahead-of-time cache ({@code tally-gateway.aot}, kept apart from
 * the short commands' cache so theirs does not load Jetty and the SDK): the command's option parsing, then a gateway
 * in front of an in-process emulator answering every kind of request a few hundred times, so the cache holds the
 * request path's classes linked and its method profiles (JEP 515), which shortens both the start and the warm-up.
 */
public final class GatewayTraining {
    private static final String ROUNDS_PROPERTY = "tally.training.rounds";

    private GatewayTraining() {}

    public static void main(String[] args) throws Exception {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        check(Tally.run(nowhere, nowhere, "gateway", "--help"));
        Path dir = Files.createTempDirectory("tally-gateway-training-");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (Emulator aws = Emulator.start(EmulatorConfig.defaults(), quiet);
                Ledger ledger = Ledger.open(dir.resolve("ledger.db").toString(), SyncMode.NORMAL)) {
            String key =
                    ledger.keys().create("training", Map.of("Team", "build")).key();
            Gateway gateway = Gateway.start(
                    GatewayConfig.builder()
                            .port(0)
                            .upstream(aws.endpoint().toString())
                            .roleArn("arn:aws:iam::123456789012:role/tally-dev")
                            .build(),
                    new Gateway.Services(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                    "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                            KeyLookup.of(ledger.keys()),
                            ledger::record,
                            ledger::writable,
                            InstantSource.system(),
                            false,
                            PriceCatalog.builtIn(),
                            quiet,
                            quiet));
            try (HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                int rounds = Integer.getInteger(ROUNDS_PROPERTY, 300);
                for (int i = 0; i < rounds; i++) {
                    round(http, gateway.endpoint(), key, i);
                }
            } finally {
                gateway.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void round(HttpClient http, URI gateway, String key, int i)
            throws IOException, InterruptedException {
        String model = "/model/us.anthropic.claude-sonnet-4-6";
        String anthropic = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":32,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"training " + i + "\"}]}";
        String converse = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"training " + i + "\"}]}]}";
        send(http, gateway, key, model + "/invoke", anthropic);
        send(http, gateway, key, model + "/invoke-with-response-stream", anthropic);
        send(http, gateway, key, model + "/converse", converse);
        send(http, gateway, key, model + "/converse-stream", converse);
        if (i % 10 == 0) {
            send(http, gateway, key, "/inference-profiles", null);
            send(http, gateway, key, model + "/invoke", "{not json");
            send(http, gateway, "tly_unknown", model + "/invoke", anthropic);
        }
    }

    private static void send(HttpClient http, URI gateway, String key, String path, @Nullable String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder r =
                HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + key);
        r = body == null ? r.GET() : r.POST(HttpRequest.BodyPublishers.ofString(body));
        http.send(r.build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void check(int exit) {
        if (exit != 0) {
            throw new IllegalStateException("training command failed with exit code " + exit);
        }
    }
}
