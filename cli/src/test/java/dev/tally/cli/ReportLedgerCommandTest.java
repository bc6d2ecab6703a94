package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.usage.PricingModel;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.Outcome;
import dev.tally.ledger.SyncMode;
import dev.tally.ledger.TokenCounts;
import dev.tally.ledger.UsageEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tally report --ledger} on the command line: alone, beside a bill, and its mistakes. */
class ReportLedgerCommandTest {
    private static final String FOCUS = Path.of(System.getProperty("tally.shared"), "data", "focus-1.0-sample.csv")
            .toString();

    @TempDir
    static Path dir;

    static Path ledger;

    @BeforeAll
    static void writeLedger() {
        ledger = dir.resolve("tally-ledger.db");
        try (Ledger l = Ledger.open(ledger.toString(), SyncMode.NORMAL)) {
            for (int i = 0; i < 4; i++) {
                String user = i % 2 == 0 ? "alice" : "bob";
                l.record(new UsageEvent(
                                "ev-" + i,
                                Instant.parse("2026-11-02T10:00:00Z").plusSeconds(i),
                                "key_" + user,
                                user,
                                "arn:aws:sts::123456789012:assumed-role/TallyGateway/gw-" + user,
                                Map.of("User", user, "Team", "search"),
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
                                false))
                        .join();
            }
        }
    }

    @Test
    void ledgerAlone_reportsByUser() {
        TallyRun r = TallyRun.inProcess("report", "--ledger", ledger.toString(), "--by", "user", "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("alice,0.009").contains("bob,0.009").contains("TOTAL,0.018,USD");
        assertThat(r.err()).doesNotContain("twice");
    }

    @Test
    void withABill_bySource_warnsOnStderrThatTheyCountTwice() {
        TallyRun r = TallyRun.inProcess(
                "report", FOCUS, "--all-services", "--ledger", ledger.toString(), "--by", "source", "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("ledger,0.018").contains("bill,");
        assertThat(r.err()).contains("counted").contains("twice");
    }

    @Test
    void aMissingLedger_isAUsageError_andCreatesNothing() {
        Path missing = dir.resolve("nope.db");
        TallyRun r = TallyRun.inProcess("report", "--ledger", missing.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("tally: --ledger ")
                .contains("no such file")
                .hasLineCount(1);
        assertThat(missing).doesNotExist();
    }
}
