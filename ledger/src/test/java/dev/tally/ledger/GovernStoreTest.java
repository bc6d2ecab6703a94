package dev.tally.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import dev.tally.testing.PostgresPerClass;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Budgets, limits and leases, the same on SQLite and on a real PostgreSQL. */
class GovernStoreTest {
    @RegisterExtension
    static final PostgresPerClass postgres = PostgresPerClass.create();

    static int databases;

    @TempDir
    Path dir;

    private Ledger open(String store) {
        String location = store.equals("sqlite")
                ? dir.resolve("ledger.db").toString()
                : postgres.server().createDatabase("govern" + (++databases));
        return Ledger.open(location, SyncMode.NORMAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void budgets_setListReplaceRemove(String store) {
        try (Ledger ledger = open(store)) {
            long before = ledger.budgets().revision();
            Budget b = ledger.budgets()
                    .set(
                            Scope.parse("team:search"),
                            new BigDecimal("100"),
                            BudgetPeriod.MONTHLY,
                            false,
                            List.of(new BigDecimal("50"), new BigDecimal("80")),
                            URI.create("http://127.0.0.1:9/hook"));
            Budget again = ledger.budgets()
                    .set(Scope.parse("team:search"), new BigDecimal("120.5"), BudgetPeriod.MONTHLY, true, List.of());
            assertThat(again.id()).isEqualTo(b.id());
            assertThat(ledger.budgets().list()).containsExactly(again);
            assertThat(ledger.budgets().revision()).isEqualTo(before + 2);
            assertThat(ledger.budgets().remove(b.id())).isEqualTo(again);
            assertThat(ledger.budgets().list()).isEmpty();
            assertThatThrownBy(() -> ledger.budgets().remove(b.id()))
                    .isInstanceOf(TallyException.class)
                    .hasMessageContaining("no budget " + b.id());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void limits_setListRemove_andRefuseWhatCannotBeLimited(String store) {
        try (Ledger ledger = open(store)) {
            String keyId = ledger.keys().create("alice", Map.of()).apiKey().id();
            UsageLimit l = ledger.limits()
                    .set(Scope.parse("key:" + keyId), PerMinute.NONE.withRequests(60), List.of("anthropic.claude-*"));
            assertThat(ledger.limits().list()).containsExactly(l);
            assertThatThrownBy(() ->
                            ledger.limits().set(Scope.parse("tenant:acme"), PerMinute.NONE.withRequests(1), List.of()))
                    .hasMessageContaining("per key, user or team");
            assertThatThrownBy(() -> ledger.limits().set(Scope.parse("user:bob"), PerMinute.NONE, List.of()))
                    .hasMessageContaining("nothing to limit");
            ledger.limits().remove(l.id());
            assertThat(ledger.limits().list()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void keyScopes_mustNameAKeyOfTheLedger_revokedOnesIncluded(String store) {
        try (Ledger ledger = open(store)) {
            String keyId = ledger.keys().create("alice", Map.of()).apiKey().id();
            String typo = keyId.substring(0, keyId.length() - 1) + (keyId.endsWith("0") ? "1" : "0");
            assertThatThrownBy(() -> ledger.budgets()
                            .set(Scope.parse("key:" + typo), BigDecimal.TEN, BudgetPeriod.DAILY, false, List.of()))
                    .isInstanceOfSatisfying(
                            TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
                    .hasMessageContaining("scope key:" + typo + ": no key with id '" + typo + "' in this ledger");
            assertThatThrownBy(() ->
                            ledger.limits().set(Scope.parse("key:" + typo), PerMinute.NONE.withRequests(1), List.of()))
                    .isInstanceOfSatisfying(
                            TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
                    .hasMessageContaining("no key with id '" + typo + "'");
            assertThat(ledger.budgets().list()).isEmpty();
            assertThat(ledger.limits().list()).isEmpty();

            ledger.keys().revoke(keyId);
            Budget b = ledger.budgets()
                    .set(Scope.parse("key:" + keyId), BigDecimal.TEN, BudgetPeriod.DAILY, false, List.of());
            assertThat(ledger.budgets().list()).extracting(Budget::id).containsExactly(b.id());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void leases_concurrentTakers_neverTakeMoreThanTheCapacity(String store) throws Exception {
        try (Ledger ledger = open(store)) {
            Instant expires = Instant.now().plusSeconds(60);
            AtomicLong taken = new AtomicLong();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 40; i++) {
                    String holder = "replica-" + (i % 4);
                    all.add(CompletableFuture.runAsync(
                            () -> taken.addAndGet(ledger.leases().take(holder, "c", 1_000, 70, 20, expires)), pool));
                }
                all.forEach(CompletableFuture::join);
            }
            // 1,000 of room in slices of 70 (or at least 20 at the end): exactly 1,000 taken, never more.
            assertThat(taken.get()).isEqualTo(1_000);
            assertThat(ledger.leases().take("late", "c", 1_000, 10, 1, expires)).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void charges_moveRoomFromTheLeaseToUsed_withTheEvent(String store) {
        try (Ledger ledger = open(store)) {
            Instant expires = Instant.now().plusSeconds(60);
            assertThat(ledger.leases().take("r1", "budget/b/0", 100, 100, 1, expires))
                    .isEqualTo(100);
            ledger.record(SampleEvents.event("e1", 1), List.of(new Charge("budget/b/0", "r1", 30)))
                    .join();
            assertThat(ledger.leases().used(List.of("budget/b/0"))).containsEntry("budget/b/0", 30L);
            // The lease now holds 70; giving it back frees it for anyone.
            ledger.leases().giveBack("r1", "budget/b/0", 70);
            assertThat(ledger.leases().take("r2", "budget/b/0", 100, 100, 1, expires))
                    .isEqualTo(70);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void expiredLeases_returnTheirRoom(String store) {
        try (Ledger ledger = open(store)) {
            assertThat(ledger.leases()
                            .take("dead", "c", 100, 100, 1, Instant.now().minusSeconds(1)))
                    .isEqualTo(100);
            assertThat(ledger.leases()
                            .take("alive", "c", 100, 100, 1, Instant.now().plusSeconds(60)))
                    .isEqualTo(100);
            assertThat(ledger.leases().renew("alive", Instant.now().plusSeconds(60)))
                    .containsExactly("c");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void alerts_fireOncePerCounterAndThreshold(String store) {
        try (Ledger ledger = open(store)) {
            assertThat(ledger.leases().firstAlert("budget/b/0", "80")).isTrue();
            assertThat(ledger.leases().firstAlert("budget/b/0", "80")).isFalse();
            assertThat(ledger.leases().firstAlert("budget/b/86400", "80")).isTrue();
        }
    }

    @org.junit.jupiter.api.Test
    void replicasOpeningANewPostgresDatabaseAtOnce_allSucceed_andMigrateOnce() throws Exception {
        String url = postgres.server().createDatabase("fresh" + (++databases));
        List<CompletableFuture<Ledger>> opening = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                opening.add(CompletableFuture.supplyAsync(() -> Ledger.open(url, SyncMode.NORMAL), pool));
            }
        }
        for (CompletableFuture<Ledger> l : opening) {
            l.join().close();
        }
        try (var c = postgres.server().connect("fresh" + databases);
                var s = c.createStatement();
                var r = s.executeQuery("SELECT count(*) FROM schema_version")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void postgresWithoutAPassword_saysWhereThePasswordComesFrom() {
        postgres.server().useForDriver();
        // A user the pgpass file has no line for: the driver has no password to give.
        String url = postgres.server().url("postgres").replaceFirst("user=[^&]*", "user=nobody");
        assertThatThrownBy(() -> Ledger.open(url, SyncMode.NORMAL))
                .isInstanceOfSatisfying(
                        TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FAILURE))
                .hasMessageContaining("cannot connect")
                .hasMessageContaining("PGPASSWORD or ~/.pgpass")
                .hasMessageNotContaining("\n");
    }
}
