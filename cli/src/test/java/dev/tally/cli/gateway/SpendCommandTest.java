package dev.tally.cli.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.cli.SeparateProcess;
import dev.tally.cli.TallyRun;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally gateway} as a process with an admin token, and the CLI talking to it as processes do (the token and
 * the user's key from the environment): keys through the admin API, spend equal to {@code tally report --ledger},
 * {@code tally spend --me}, and the one-line errors.
 */
class SpendCommandTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/tally-dev";
    private static final String TOKEN = "admin-0123456789abcdef-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TallyRun tally(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = GatewayProcess.tally(List.of(args));
        pb.environment().putAll(env);
        return SeparateProcess.capture(pb, dir.resolve("out.txt"), dir.resolve("err.txt"));
    }

    @Test
    void keysSpendAndMe_throughTheAdminApi_matchTheReport_withOneLineErrors() throws Exception {
        Path ledger = dir.resolve("ledger.db");
        try (Emulator aws =
                        Emulator.start(EmulatorConfig.builder().build(), new PrintStream(new ByteArrayOutputStream()));
                HttpClient http = HttpClient.newHttpClient()) {
            ProcessBuilder pb = GatewayProcess.gateway(aws.endpoint(), ROLE, ledger.toString())
                    .redirectError(dir.resolve("gateway-err.txt").toFile());
            pb.environment().put("TALLY_ADMIN_TOKEN", TOKEN);
            Process gateway = pb.start();
            try {
                String url = GatewayProcess.endpoint(gateway).toString();
                Map<String, String> admin = Map.of("TALLY_ADMIN_TOKEN", TOKEN);

                TallyRun alice =
                        tally(admin, "keys", "create", "--gateway", url, "--user", "alice", "--team", "search");
                assertThat(alice.exit()).as(alice.err()).isZero();
                String aliceKey = alice.out().strip();
                assertThat(aliceKey).startsWith("tly_");
                TallyRun bob = tally(admin, "keys", "create", "--gateway", url, "--user", "bob");
                String bobKey = bob.out().strip();
                for (String key : List.of(aliceKey, aliceKey, bobKey)) {
                    for (String model : List.of("us.anthropic.claude-sonnet-4-6", "amazon.nova-lite-v1:0")) {
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(URI.create(url + "/model/" + model + "/converse"))
                                        .header("Authorization", "Bearer " + key)
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi there\"}]}]}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    }
                }
                Thread.sleep(500); // the gateway's ledger commits in the background

                TallyRun list = tally(admin, "keys", "list", "--gateway", url);
                assertThat(list.exit()).as(list.err()).isZero();
                assertThat(list.out()).contains("alice").contains("bob").contains("Team=search");

                // The spend API answers exactly what tally report prints for the ledger.
                TallyRun spend = tally(admin, "spend", "--gateway", url, "--by", "user,model", "--format", "json");
                assertThat(spend.exit()).as(spend.err()).isZero();
                TallyRun report = TallyRun.inProcess(
                        "report", "--ledger", ledger.toString(), "--by", "user,model", "--format", "json");
                assertThat(report.exit()).as(report.err()).isZero();
                assertThat(JSON.readTree(spend.out())).isEqualTo(JSON.readTree(report.out()));
                assertThat(JSON.readTree(spend.out()).path("groups")).hasSize(4);

                TallyRun filtered = tally(
                        admin, "spend", "--gateway", url, "--by", "model", "--where", "user=bob", "--format", "json");
                TallyRun filteredReport = TallyRun.inProcess(
                        "report",
                        "--ledger",
                        ledger.toString(),
                        "--by",
                        "model",
                        "--where",
                        "user=bob",
                        "--format",
                        "json");
                assertThat(JSON.readTree(filtered.out())).isEqualTo(JSON.readTree(filteredReport.out()));

                // A user's own spend, with their own key from the variable clients read.
                TallyRun me = tally(Map.of("AWS_BEARER_TOKEN_BEDROCK", aliceKey), "spend", "--me", "--gateway", url);
                assertThat(me.exit()).as(me.err()).isZero();
                JsonNode aliceOnly = JSON.readTree(TallyRun.inProcess(
                                "report",
                                "--ledger",
                                ledger.toString(),
                                "--where",
                                "user=alice",
                                "--by",
                                "model",
                                "--format",
                                "json")
                        .out());
                assertThat(me.out())
                        .startsWith("user alice")
                        .contains(new BigDecimal(aliceOnly.path("total").asText()).toPlainString())
                        .doesNotContain("bob");

                // Revoked through the API.
                String aliceId = JSON.readTree(tally(admin, "keys", "list", "--gateway", url, "--format", "json")
                                .out())
                        .get(0)
                        .path("id")
                        .asText();
                TallyRun revoke = tally(admin, "keys", "revoke", "--gateway", url, aliceId);
                assertThat(revoke.exit()).as(revoke.err()).isZero();

                // Budgets and limits through the API: the same listing as the ledger's own.
                TallyRun budget = tally(
                        admin,
                        "budget",
                        "set",
                        "--gateway",
                        url,
                        "--scope",
                        "team:search",
                        "--limit",
                        "10",
                        "--period",
                        "monthly");
                assertThat(budget.exit()).as(budget.err()).isZero();
                assertThat(budget.out().strip()).startsWith("bud_");
                TallyRun budgets = tally(admin, "budget", "list", "--gateway", url, "--format", "json");
                assertThat(budgets.exit()).as(budgets.err()).isZero();
                assertThat(JSON.readTree(budgets.out()))
                        .isEqualTo(JSON.readTree(
                                TallyRun.inProcess("budget", "list", "--ledger", ledger.toString(), "--format", "json")
                                        .out()));
                TallyRun limits =
                        tally(admin, "limits", "set", "--gateway", url, "--scope", "user:bob", "--rpm", "100");
                assertThat(limits.exit()).as(limits.err()).isZero();
                TallyRun limitList = tally(admin, "limits", "list", "--gateway", url);
                assertThat(limitList.out()).contains("user:bob").contains("100");

                // One line for each way it goes wrong; no secret in any of them.
                List<TallyRun> errors = List.of(
                        tally(Map.of(), "spend", "--me", "--gateway", url),
                        tally(Map.of(), "keys", "list", "--gateway", url),
                        tally(Map.of("TALLY_ADMIN_TOKEN", "wrong-token-0123456789"), "keys", "list", "--gateway", url),
                        tally(admin, "spend", "--gateway", "not a url"),
                        tally(admin, "spend", "--gateway", "http://127.0.0.1:" + closedPort()));
                assertThat(errors.get(0).exit()).isEqualTo(2);
                assertThat(errors.get(0).err()).contains("AWS_BEARER_TOKEN_BEDROCK");
                assertThat(errors.get(1).exit()).isEqualTo(2);
                assertThat(errors.get(1).err()).contains("TALLY_ADMIN_TOKEN");
                assertThat(errors.get(2).exit()).isEqualTo(1);
                assertThat(errors.get(2).err()).contains("401").doesNotContain("wrong-token");
                assertThat(errors.get(3).exit()).isEqualTo(2);
                assertThat(errors.get(3).err()).contains("--gateway");
                assertThat(errors.get(4).exit()).isEqualTo(1);
                assertThat(errors.get(4).err()).contains("connection refused");
                for (TallyRun e : errors) {
                    assertThat(e.err().lines().count()).as(e.err()).isEqualTo(1);
                    assertThat(e.err())
                            .startsWith("tally: ")
                            .doesNotContain(TOKEN)
                            .doesNotContain("\tat ");
                }
            } finally {
                gateway.destroy();
                assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            String log = Files.readString(dir.resolve("gateway-err.txt"));
            assertThat(log).contains("admin API on").doesNotContain(TOKEN);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
