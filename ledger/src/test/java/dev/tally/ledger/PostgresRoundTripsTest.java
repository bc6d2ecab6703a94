package dev.tally.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.PostgresPerClass;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the ledger costs PostgreSQL per usage event, counted by PostgreSQL itself (pg_stat_statements): the hot
 * path's writes must stay below one round trip a request with budgets on (issue 13).
 */
class PostgresRoundTripsTest {
    @RegisterExtension
    static final PostgresPerClass postgres =
            PostgresPerClass.withOptions("-c shared_preload_libraries=pg_stat_statements");

    @BeforeAll
    static void countStatements() throws SQLException {
        try (Connection c = postgres.server().connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION pg_stat_statements");
        }
    }

    @Test
    void eventWithCharges_isOneRoundTrip_andABurstSharesThem() throws SQLException {
        String url = postgres.server().createDatabase("roundtrips");
        try (Ledger ledger = Ledger.open(url, SyncMode.NORMAL)) {
            Instant expires = Instant.now().plusSeconds(600);
            ledger.leases().take("r1", "budget/a/0", 1_000_000, 1_000_000, 1, expires);
            ledger.leases().take("r1", "budget/b/0", 1_000_000, 1_000_000, 1, expires);
            long before = statements();

            // One at a time: each event is a batch of its own, with charges on two budgets.
            int alone = 20;
            for (int i = 0; i < alone; i++) {
                ledger.record(SampleEvents.event("alone-" + i, i), charges(3)).join();
            }
            long afterAlone = statements();
            // One statement in auto-commit: one round trip and one transaction (no BEGIN, lock or COMMIT).
            assertThat(afterAlone - before).isEqualTo(alone);

            // A burst: events queued together share statements.
            int burst = 400;
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                all.add(ledger.record(SampleEvents.event("burst-" + i, i), charges(5)));
            }
            all.forEach(CompletableFuture::join);
            long afterBurst = statements();
            assertThat(afterBurst - afterAlone).isLessThan(burst / 2);

            // Exact all the same: every charge is in used, and out of the lease.
            long charged = alone * 3L + burst * 5L;
            assertThat(ledger.leases().used(List.of("budget/a/0", "budget/b/0")))
                    .containsEntry("budget/a/0", charged)
                    .containsEntry("budget/b/0", charged);
            assertThat(ledger.leases().take("r2", "budget/a/0", 1_000_000, 1_000_000, 1, expires))
                    .as("room left once r1 gives its lease back")
                    .isZero();
            ledger.leases().giveBack("r1", "budget/a/0", 1_000_000);
            assertThat(ledger.leases().take("r2", "budget/a/0", 1_000_000, 1_000_000, 1, expires))
                    .isEqualTo(1_000_000 - charged);
            try (var events = ledger.events(Instant.EPOCH, Instant.now().plusSeconds(86_400 * 365))) {
                assertThat(events.count()).isEqualTo(alone + burst);
            }
        }
    }

    @Test
    void eventsSpreadInTime_shareCommitsWithinTheLinger() throws SQLException {
        String url = postgres.server().createDatabase("spread");
        Duration linger = Duration.ofMillis(20);
        try (Ledger ledger = Ledger.open(url, SyncMode.NORMAL, linger, Clock.systemUTC())) {
            long before = statements("spread");
            // A millisecond apart, none waiting for the one before: the way concurrent requests finish.
            int count = 300;
            List<Long> waitedNanos = paced(ledger, "spread-", count, 1);
            long used = statements("spread") - before;

            // About one commit per 20 events once the writer has seen the pace (it forgets an idle start over
            // about 30 events): without the linger, each of these events found the writer idle.
            assertThat(used).as("statements for %d events", count).isLessThan(count / 4);
            // None held much past the linger (the bound leaves room for a slow commit on a busy machine).
            assertThat(Collections.max(waitedNanos)).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
            try (var events = ledger.events(Instant.EPOCH, Instant.now().plusSeconds(86_400))) {
                assertThat(events.count()).isEqualTo(count);
            }
        }
    }

    @Test
    void loneEventAfterAnIdleSpell_isCommittedAtOnce() throws Exception {
        String url = postgres.server().createDatabase("lone");
        Duration linger = Duration.ofSeconds(1);
        try (Ledger ledger = Ledger.open(url, SyncMode.NORMAL, linger, Clock.systemUTC())) {
            paced(ledger, "busy-", 100, 1);
            Thread.sleep(1_200);
            // The pace it saw says "busy", but this event comes after more than a linger of nothing: held for a next
            // one, it would wait the whole second.
            long start = System.nanoTime();
            ledger.record(SampleEvents.event("lone", 0)).join();
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
        }
    }

    /** Records {@code count} events {@code gapMillis} apart on one schedule, then how long each waited to commit. */
    private static List<Long> paced(Ledger ledger, String prefix, int count, long gapMillis) {
        List<CompletableFuture<Long>> waits = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Pace.parkUntil(start + TimeUnit.MILLISECONDS.toNanos(gapMillis * i));
            long queued = System.nanoTime();
            waits.add(ledger.record(SampleEvents.event(prefix + i, i)).thenApply(v -> System.nanoTime() - queued));
        }
        return waits.stream().map(CompletableFuture::join).toList();
    }

    private static List<Charge> charges(long amount) {
        return List.of(new Charge("budget/a/0", "r1", amount), new Charge("budget/b/0", "r1", amount));
    }

    /** The statements run in the ledger's database so far (pg_stat_statements counts them as they end). */
    private static long statements() throws SQLException {
        return statements("roundtrips");
    }

    private static long statements(String database) throws SQLException {
        try (Connection c = postgres.server().connect("postgres");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements s"
                        + " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '" + database + "'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
