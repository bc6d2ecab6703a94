package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.emulator.EmulatorConfig;
import dev.tally.ledger.UsageEvent;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /metrics} scraped and parsed as Prometheus' text format; totals checked against the ledger's events. */
class MetricsTest {
    private static final String SONNET = "us.anthropic.claude-sonnet-4-6";
    private static final String CONVERSE = """
            {"messages":[{"role":"user","content":[{"text":"Measure me"}]}],"inferenceConfig":{"maxTokens":30}}""";
    /** {@code name{labels} value}, the sample lines of the text format. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    @Test
    void requestsTokensCostRefusalsAndTheBroker_areExported_andMatchTheLedger() throws Exception {
        try (GatewayHarness h = new GatewayHarness()) {
            List<String> keys = List.of(
                    h.ledger.create("ann", Map.of()),
                    h.ledger.create("ben", Map.of()),
                    h.ledger.create("cid", Map.of()));
            for (String k : keys) {
                assertThat(h.post("/model/" + SONNET + "/converse", k, CONVERSE).statusCode())
                        .isEqualTo(200);
                assertThat(h.post("/model/" + SONNET + "/converse", k, CONVERSE).statusCode())
                        .isEqualTo(200);
            }
            assertThat(h.post("/model/" + SONNET + "/converse", "tly_nobody", CONVERSE)
                            .statusCode())
                    .isEqualTo(403);
            assertThat(h.post("/model/" + SONNET + "/converse", keys.getFirst(), "not json")
                            .statusCode())
                    .isEqualTo(400);

            HttpResponse<String> r = h.get("/metrics", null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
            Map<String, Double> m = parse(r.body());
            String model = h.ledger.events().getFirst().model();
            assertThat(m.get("tally_requests_total{model=\"" + model + "\",status=\"200\"}"))
                    .isEqualTo(6.0);
            assertThat(m.get("tally_requests_total{model=\"none\",status=\"403\"}"))
                    .isEqualTo(1.0);
            assertThat(m.get("tally_refusals_total{reason=\"AccessDeniedException\"}"))
                    .isEqualTo(1.0);
            assertThat(m.get("tally_refusals_total{reason=\"ValidationException\"}"))
                    .isEqualTo(1.0);
            long input = 0;
            long output = 0;
            BigDecimal cost = BigDecimal.ZERO;
            for (UsageEvent e : h.ledger.events()) {
                input += e.tokens().input();
                output += e.tokens().output();
                cost = cost.add(e.cost());
            }
            assertThat(m.get("tally_tokens_total{model=\"" + model + "\",type=\"input\"}"))
                    .isEqualTo((double) input);
            assertThat(m.get("tally_tokens_total{model=\"" + model + "\",type=\"output\"}"))
                    .isEqualTo((double) output);
            assertThat(m.get("tally_cost_usd_total{model=\"" + model + "\"}")).isCloseTo(cost.doubleValue(), within());
            assertThat(m.get("tally_sts_assume_role_total"))
                    .isEqualTo((double) h.counts().get("sts:AssumeRole"));
            assertThat(m.get("tally_session_cache_size")).isEqualTo(3.0);
            assertThat(m.get("tally_ledger_queue_depth")).isZero();
            assertThat(m.get("tally_ledger_commit_seconds_count")).isEqualTo(6.0);
            // Off by default: no user names in the metrics.
            assertThat(r.body()).doesNotContain("tally_user_").doesNotContain("ann");
            for (String k : keys) {
                assertThat(r.body()).doesNotContain(k);
            }
        }
    }

    @Test
    void perUserLabels_whenOn_areCapped_andTheRestCountAsOther() throws Exception {
        try (GatewayHarness h = new GatewayHarness(EmulatorConfig.builder(), b -> b.metricsUsers(2))) {
            for (String user : List.of("u1", "u2", "u3", "u4", "u5")) {
                String k = h.ledger.create(user, Map.of());
                assertThat(h.post("/model/" + SONNET + "/converse", k, CONVERSE).statusCode())
                        .isEqualTo(200);
            }
            Map<String, Double> m = parse(h.get("/metrics", null).body());
            Map<String, Double> users = new HashMap<>();
            m.forEach((k, v) -> {
                if (k.startsWith("tally_user_requests_total{")) {
                    users.put(k.substring(k.indexOf("user=\"") + 6, k.lastIndexOf('"')), v);
                }
            });
            assertThat(users).containsOnlyKeys("u1", "u2", "other");
            assertThat(users.get("other")).isEqualTo(3.0);
            assertThat(users.values().stream().mapToDouble(Double::doubleValue).sum())
                    .isEqualTo(5.0);
        }
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    /** Every sample, keyed by name and labels exactly as written (labels in the order Micrometer sorts them). */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher mt = SAMPLE.matcher(line);
            assertThat(mt.matches()).as("a sample line: " + line).isTrue();
            samples.put(mt.group(1) + (mt.group(2) == null ? "" : mt.group(2)), Double.parseDouble(mt.group(3)));
        }
        return samples;
    }
}
