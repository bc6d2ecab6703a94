package dev.tally.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cli.Tally;
import dev.tally.cli.gateway.GatewayProcess;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key's own rate limits, given when it is made ({@code tally keys create --rpm/--tpm}), held by a running
 * {@code tally gateway} process: made in its ledger, and through its admin API.
 */
class KeyLimitsTest {
    private static final String TOKEN = "admin-0123456789abcdef-token";
    private static final String CONVERSE = "/model/us.anthropic.claude-sonnet-4-6/converse";
    private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}";

    @TempDir
    Path dir;

    @Test
    void keysCreatedWithRpm_areThrottledByTheGateway_atTheirOwnRate() throws Exception {
        Path ledger = dir.resolve("ledger.db");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Tally.run(
                new PrintWriter(out),
                new PrintWriter(err),
                "keys",
                "create",
                "--ledger",
                ledger.toString(),
                "--user",
                "ann",
                "--rpm",
                "2");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).contains("2 requests/min");
        String annKey = out.toString().strip();

        try (Emulator aws =
                        Emulator.start(EmulatorConfig.builder().build(), new PrintStream(new ByteArrayOutputStream()));
                HttpClient http = HttpClient.newHttpClient()) {
            Process gateway = java(List.of(
                            "gateway",
                            "--port",
                            "0",
                            "--upstream",
                            aws.endpoint().toString(),
                            "--role-arn",
                            "arn:aws:iam::123456789012:role/tally-dev",
                            "--ledger",
                            ledger.toString()))
                    .redirectError(dir.resolve("gateway-err.txt").toFile())
                    .start();
            try {
                String url = GatewayProcess.endpoint(gateway).toString();
                // Through the admin API, as a process does it (the admin token from the environment).
                ProcessBuilder create = java(List.of("keys", "create", "--gateway", url, "--user", "ben", "--rpm", "1"))
                        .redirectOutput(dir.resolve("ben.txt").toFile())
                        .redirectError(dir.resolve("ben-err.txt").toFile());
                Process ben = create.start();
                assertThat(ben.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(ben.exitValue())
                        .as(Files.readString(dir.resolve("ben-err.txt")))
                        .isZero();
                String benKey = Files.readString(dir.resolve("ben.txt")).strip();

                assertThat(statuses(http, url, annKey, 3)).containsExactly(200, 200, 429);
                assertThat(statuses(http, url, benKey, 2)).containsExactly(200, 429);
            } finally {
                gateway.destroy();
                gateway.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<Integer> statuses(HttpClient http, String url, String key, int n) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url + CONVERSE))
                            .header("Authorization", "Bearer " + key)
                            .POST(HttpRequest.BodyPublishers.ofString(BODY))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            statuses.add(r.statusCode());
            if (r.statusCode() == 429) {
                assertThat(r.headers().firstValue("x-amzn-errortype").orElse(""))
                        .startsWith("ThrottlingException");
                assertThat(r.body()).contains("Rate limit: key:");
            }
        }
        return statuses;
    }

    private static ProcessBuilder java(List<String> args) {
        ProcessBuilder pb = GatewayProcess.tally(args);
        pb.environment().put("TALLY_ADMIN_TOKEN", TOKEN);
        return pb;
    }
}
