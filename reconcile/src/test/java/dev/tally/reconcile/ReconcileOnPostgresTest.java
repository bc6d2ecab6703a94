package dev.tally.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.report.query.Dimension;
import dev.tally.testing.PostgresPerClass;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's ledger on PostgreSQL (the store replicas share) reconciles like the SQLite one: a real PostgreSQL
 * server on a loopback port, a gateway metering into it, the emulator billing the same calls.
 */
class ReconcileOnPostgresTest {
    private static final BigDecimal ROUNDING = new BigDecimal("0.000001");

    @RegisterExtension
    static final PostgresPerClass postgres = PostgresPerClass.create();

    @TempDir
    Path dir;

    @Test
    void aCleanRunMeteredIntoPostgres_reconcilesToZeroDifference_andTotalsEqualPlainSql() throws Exception {
        String url = postgres.server().createDatabase("reconcile");
        try (Loop loop = new Loop(dir, url)) {
            String alice = loop.key("alice", Map.of("Team", "search", "Project", "ranker"));
            String bob = loop.key("bob", Map.of("Team", "web"));
            loop.traffic(alice, "alice");
            loop.at("2026-11-03T09:30:00Z");
            loop.traffic(bob, "bob");
            loop.flush();

            BigDecimal[] bill = Loop.billBySql(loop.cur);
            BigDecimal metered;
            try (Connection c = postgres.server().connect("reconcile")) {
                metered = Loop.ledgerCostBySql(c);
            }
            ReconcileRequest base = ReconcileRequest.of(url, List.of(loop.cur.toString()));
            for (String by : List.of("user", "session", "tag:team", "day", "model", "token-type")) {
                Reconciliation r = Loop.reconcile(base.withBy(List.of(Dimension.parse(by))));
                assertThat(r.passes()).as(by).isTrue();
                assertThat(r.groups()).as(by).isNotEmpty().allSatisfy(line -> {
                    assertThat(line.difference().abs()).isLessThanOrEqualTo(ROUNDING);
                    assertThat(line.meteredTokens()).isEqualTo(line.billedTokens());
                    assertThat(line.kinds()).isEmpty();
                });
                assertThat(r.total().meteredCost()).isEqualByComparingTo(metered);
                assertThat(r.total().billedCost()).isEqualByComparingTo(bill[0]);
                assertThat(r.total().billedTokens()).isEqualTo(bill[1].longValueExact());
                assertThat(r.unknownSessions()).isEmpty();
            }
            assertThat(Loop.reconcile(base.withBy(List.of(Dimension.parse("user"))))
                            .groups())
                    .extracting(l -> l.keys().get(0))
                    .containsExactly("alice", "bob");
        }
    }
}
