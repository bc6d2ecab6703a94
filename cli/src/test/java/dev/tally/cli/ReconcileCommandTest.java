package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.usage.PricingModel;
import dev.tally.cur.Cur2Writer;
import dev.tally.cur.CurLineItem;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.Outcome;
import dev.tally.ledger.SyncMode;
import dev.tally.ledger.TokenCounts;
import dev.tally.ledger.UsageEvent;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally reconcile} on the command line: exit status 0 when ledger and bill agree, 1 when a session is unknown
 * or a group differs, 2 with one line on stderr for usage mistakes. The ledger and the CUR are written here by the
 * ledger's and cur's own writers (the emulator end to end is the reconcile module's test).
 */
class ReconcileCommandTest {
    private static final String ROLE = "arn:aws:sts::123456789012:assumed-role/tally-dev/";

    @TempDir
    static Path dir;

    static Path ledger;
    static Path matching;
    static Path withBypass;

    @BeforeAll
    static void writeLedgerAndBills() {
        ledger = dir.resolve("tally-ledger.db");
        try (Ledger l = Ledger.open(ledger.toString(), SyncMode.NORMAL)) {
            for (String user : List.of("alice", "bob")) {
                l.record(event(user)).join();
            }
        }
        List<CurLineItem> items = new ArrayList<>();
        for (String user : List.of("alice", "bob")) {
            items.add(line(user, "input-tokens", 1000, "0.003"));
            items.add(line(user, "output-tokens", 100, "0.0015"));
        }
        matching = dir.resolve("matching.parquet");
        Cur2Writer.write(items, matching);
        items.add(line("laptop-carol", "input-tokens", 2000, "0.006"));
        withBypass = dir.resolve("bypass.csv.gz");
        Cur2Writer.write(items, withBypass);
    }

    @Test
    void agreeingLedgerAndBill_exitZero_andTheTableEndsWithTheVerdict() {
        TallyRun r = tally("--ledger", ledger.toString(), "--cur", matching.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("alice").contains("bob").contains("TOTAL").contains("OK: every group");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void anUnknownSession_exitsOne_andIsListedByNameAndArn_whateverBySays() {
        TallyRun r = tally(
                "--ledger", ledger.toString(), "--cur", withBypass.toString(), "--by", "model", "--format", "csv");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("\nsession,arn,user,billed_cost")
                .contains("laptop-carol," + ROLE + "laptop-carol,carol,0.006,2000,2026-11-02,2026-11-02");
        assertThat(r.err()).contains("DIFFERS").contains("1 billed session(s) unknown");
    }

    @Test
    void json_isStable_withItsSchemaAndExactNumbers() {
        TallyRun r = tally(
                "--ledger", ledger.toString(), "--cur", withBypass.toString(), "--by", "user", "--format", "json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("\"schema\": \"tally.reconcile/1\"")
                .contains("\"status\": \"differs\"")
                .contains("\"billedCost\": 0.015")
                .contains("\"meteredCost\": 0.009")
                .contains("\"session\": \"laptop-carol\"");
    }

    @Test
    void html_isOnePageWithPerDayAndPerUserViews_andDifferencesMarked() throws Exception {
        Path page = dir.resolve("reconcile.html");
        TallyRun r = tally(
                "--ledger",
                ledger.toString(),
                "--cur",
                withBypass.toString(),
                "--format",
                "html",
                "--out",
                page.toString());
        assertThat(r.exit()).isEqualTo(1);
        Document doc = Jsoup.parse(Files.readString(page));
        assertThat(doc.select("main").attr("data-status")).isEqualTo("differs");
        assertThat(doc.select("[data-testid=by-day] tr[data-key=2026-11-02]")).hasSize(1);
        assertThat(doc.select("[data-testid=by-user] tr.differs").attr("data-key"))
                .isEqualTo("carol");
        assertThat(doc.select("[data-testid=unknown_sessions]").text()).contains(ROLE + "laptop-carol");
        assertThat(doc.select("script, link, img")).isEmpty();
    }

    @Test
    void usageMistakes_exitTwo_withOneLineOnStderr() {
        List<String[]> mistakes = List.of(
                new String[] {"--cur", matching.toString()},
                new String[] {"--ledger", ledger.toString()},
                new String[] {"--ledger", ledger.toString(), "--cur", matching.toString(), "--by", "region"},
                new String[] {"--ledger", ledger.toString(), "--cur", matching.toString(), "--tolerance", "lots"},
                new String[] {"--ledger", ledger.toString(), "--cur", matching.toString(), "--tolerance", "-1"},
                new String[] {"--ledger", ledger.toString(), "--cur", matching.toString(), "--from", "2026-13-01"},
                new String[] {"--ledger", ledger.toString(), "--cur", matching.toString(), "--format", "html"},
                new String[] {"--ledger", ledger.toString(), "--cur", matching.toString(), "--session-name", "gw"},
                new String[] {"--ledger", ledger.toString(), "--cur", matching.toString(), "--role", "a role"},
                new String[] {"--ledger", dir.resolve("nope.db").toString(), "--cur", matching.toString()},
                new String[] {
                    "--ledger",
                    ledger.toString(),
                    "--cur",
                    dir.resolve("missing").toString()
                },
                new String[] {
                    "--ledger",
                    ledger.toString(),
                    "--cur",
                    Path.of(System.getProperty("tally.shared"), "data", "cur1-legacy-sample.csv")
                            .toString()
                });
        for (String[] args : mistakes) {
            TallyRun r = tally(args);
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err().strip())
                    .as(String.join(" ", args))
                    .doesNotContain("\n")
                    .doesNotContain("Exception");
        }
        assertThat(Files.exists(dir.resolve("nope.db"))).isFalse();
    }

    private static TallyRun tally(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "reconcile";
        System.arraycopy(args, 0, all, 1, args.length);
        return TallyRun.inProcess(all);
    }

    private static UsageEvent event(String user) {
        return new UsageEvent(
                "ev-" + user,
                Instant.parse("2026-11-02T10:00:00Z"),
                "key_" + user,
                user,
                ROLE + "gw-" + user,
                Map.of("User", user),
                "us.anthropic.claude-sonnet-4-6",
                "Claude4.6Sonnet",
                "converse",
                new TokenCounts(1000, 100, 0, 0, 0),
                PricingModel.ON_DEMAND,
                new BigDecimal("0.0045"),
                "USD",
                200,
                Duration.ofMillis(300),
                Optional.empty(),
                Outcome.COMPLETED,
                false);
    }

    private static CurLineItem line(String who, String direction, long tokens, String cost) {
        String session = who.startsWith("laptop-") ? who : "gw-" + who;
        return new CurLineItem(
                session + "-" + direction,
                Instant.parse("2026-11-02T00:00:00Z"),
                Instant.parse("2026-11-03T00:00:00Z"),
                "123456789012",
                "123456789012",
                "AWS",
                "Usage",
                "AmazonBedrock",
                "Amazon Bedrock",
                "USE1-Claude4.6Sonnet-" + direction,
                "InvokeModelInference",
                "us-east-1",
                "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6",
                ROLE + session,
                tokens / 1000.0,
                "1K tokens",
                "0.003",
                new BigDecimal(cost),
                new BigDecimal(cost),
                "USD",
                "",
                Map.of("iamPrincipal/User", who.replace("laptop-", "")),
                Map.of());
    }
}
