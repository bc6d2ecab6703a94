package dev.tally.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    @TempDir
    Path dir;

    @Test
    void record_thenEvents_returnsEveryFieldAsRecorded() {
        Path db = dir.resolve("ledger.db");
        List<UsageEvent> recorded = new ArrayList<>();
        try (Ledger ledger = Ledger.open(db.toString(), SyncMode.NORMAL)) {
            for (int i = 0; i < 10; i++) {
                UsageEvent e = SampleEvents.event("ev-" + i, i);
                recorded.add(e);
                ledger.record(e).join();
            }
            try (Stream<UsageEvent> events = ledger.events(Instant.MIN, Instant.MAX)) {
                assertThat(events.toList()).containsExactlyElementsOf(recorded);
            }
            try (Stream<UsageEvent> events =
                    ledger.events(SampleEvents.START.plusMillis(2), SampleEvents.START.plusMillis(5))) {
                assertThat(events.map(UsageEvent::id)).containsExactly("ev-2", "ev-3", "ev-4");
            }
        }
    }

    @Test
    void record_sameIdTwice_storesItOnce() throws Exception {
        Path db = dir.resolve("ledger.db");
        try (Ledger ledger = Ledger.open(db.toString(), SyncMode.NORMAL)) {
            ledger.record(SampleEvents.event("same", 1)).join();
            ledger.record(SampleEvents.event("same", 1)).join();
        }
        assertThat(count(db, "SELECT count(*) FROM usage_event")).isEqualTo(1);
    }

    @Test
    void close_commitsEveryQueuedEvent() throws Exception {
        Path db = dir.resolve("ledger.db");
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        try (Ledger ledger = Ledger.open(db.toString(), SyncMode.NORMAL)) {
            for (int i = 0; i < 5_000; i++) {
                futures.add(ledger.record(SampleEvents.event("ev-" + i, i)));
            }
        }
        assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(count(db, "SELECT count(*) FROM usage_event")).isEqualTo(5_000);
    }

    @Test
    void record_afterClose_failsTheFuture() {
        Ledger ledger = Ledger.open(dir.resolve("ledger.db").toString(), SyncMode.NORMAL);
        ledger.close();
        assertThat(ledger.writable()).isFalse();
        assertThatThrownBy(() -> ledger.record(SampleEvents.event("late", 1)).join())
                .hasCauseInstanceOf(TallyException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void record_fromManyThreadsAtOnce_storesEachEventOnce() throws Exception {
        Path db = dir.resolve("ledger.db");
        int threads = 16;
        int each = 250;
        try (Ledger ledger = Ledger.open(db.toString(), SyncMode.FULL);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                all.add(CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < each; i++) {
                                ledger.record(SampleEvents.event("t" + thread + "-" + i, i))
                                        .join();
                            }
                        },
                        pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            assertThat(ledger.writable()).isTrue();
        }
        assertThat(count(db, "SELECT count(*) FROM usage_event")).isEqualTo(threads * each);
        assertThat(count(db, "SELECT count(DISTINCT id) FROM usage_event")).isEqualTo(threads * each);
    }

    @Test
    void twoLedgersOnOneFile_likeTwoProcesses_bothWriteEverything_whileKeysChange() throws Exception {
        Path db = dir.resolve("ledger.db");
        int each = 2_000;
        try (Ledger first = Ledger.open(db.toString(), SyncMode.NORMAL);
                Ledger second = Ledger.open(db.toString(), SyncMode.NORMAL);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            int caller = 0;
            for (Ledger ledger : List.of(first, second)) {
                for (int t = 0; t < 4; t++, caller++) {
                    int c = caller;
                    all.add(CompletableFuture.runAsync(
                            () -> {
                                for (int i = 0; i < each / 4; i++) {
                                    ledger.record(SampleEvents.event("c" + c + "-" + i, i))
                                            .join();
                                }
                            },
                            pool));
                }
            }
            // Key changes take the same write lock from a third connection meanwhile (tally keys in a shell).
            for (int k = 0; k < 20; k++) {
                String id = first.keys()
                        .create("user" + k, java.util.Map.of())
                        .apiKey()
                        .id();
                second.keys().revoke(id);
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            assertThat(first.keys().list())
                    .hasSize(20)
                    .allMatch(k -> k.revoked().isPresent());
        }
        assertThat(count(db, "SELECT count(DISTINCT id) FROM usage_event")).isEqualTo(2L * each);
    }

    @Test
    void sustainedWrites_keepTheWriteAheadLogBounded() throws Exception {
        // Commits back to back from two threads, never a pause for a PASSIVE checkpoint to finish: without a bound
        // the log grows by every commit's pages (about 480 MiB here); with it, it is rewound after every check (and
        // emptied past ~128 MiB), so it holds about what is written between two checks (200 ms).
        Path db = dir.resolve("ledger.db");
        Path log = dir.resolve("ledger.db-wal");
        long largest = 0;
        try (Ledger ledger = Ledger.open(db.toString(), SyncMode.NORMAL);
                ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                writers.add(CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < 20_000; i++) {
                                ledger.record(SampleEvents.event("w" + thread + "-" + i, i))
                                        .join();
                            }
                        },
                        pool));
            }
            while (!CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new))
                    .isDone()) {
                largest = Math.max(largest, Files.exists(log) ? Files.size(log) : 0);
                Thread.sleep(20);
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
        }
        assertThat(count(db, "SELECT count(*) FROM usage_event")).isEqualTo(40_000);
        System.out.println("largest write-ahead log during 40,000 commits: " + largest / 1024 / 1024 + " MiB");
        assertThat(largest).isLessThan(256L * 1024 * 1024);
    }

    @Test
    void steadyCommits_rewindTheWriteAheadLog() throws Exception {
        // A gateway's pace: one commit a millisecond, each waited for. Some always land while a PASSIVE checkpoint
        // runs, so without the second checkpoint under the writers' lock the log is never wholly copied, never
        // rewound, and grows by every commit (about 12 KiB: some 35 MiB in these 3 s). Rewound, it holds what about
        // 200 ms of commits write.
        Path db = dir.resolve("ledger.db");
        Path log = dir.resolve("ledger.db-wal");
        long largest = 0;
        try (Ledger ledger = Ledger.open(db.toString(), SyncMode.NORMAL)) {
            long start = System.nanoTime();
            for (int i = 0; i < 3_000; i++) {
                Pace.parkUntil(start + i * 1_000_000L);
                ledger.record(SampleEvents.event("e" + i, i)).join();
                if (i % 50 == 0) {
                    largest = Math.max(largest, Files.exists(log) ? Files.size(log) : 0);
                }
            }
        }
        assertThat(count(db, "SELECT count(*) FROM usage_event")).isEqualTo(3_000);
        System.out.println(
                "largest write-ahead log during 3,000 commits a millisecond apart: " + largest / 1024 + " KiB");
        assertThat(largest).isLessThan(12L * 1024 * 1024);
    }

    @Test
    void open_putsTheDatabaseInWalMode() throws Exception {
        Path db = dir.resolve("ledger.db");
        try (Ledger ledger = Ledger.open(db.toString(), SyncMode.FULL)) {
            ledger.record(SampleEvents.event("a", 1)).join();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void open_postgresql_withAPasswordInTheUrl_isAUsageError() {
        assertThatThrownBy(() -> Ledger.open("jdbc:postgresql://db:5432/tally?password=hunter2", SyncMode.NORMAL))
                .isInstanceOfSatisfying(
                        TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
                .hasMessageContaining("PGPASSWORD")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void open_inAMissingDirectory_isAUsageError() {
        assertThatThrownBy(() -> Ledger.open(dir.resolve("no/such/ledger.db").toString(), SyncMode.NORMAL))
                .isInstanceOfSatisfying(
                        TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
                .hasMessageContaining("does not exist");
    }

    static Long count(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            Object v = r.getObject(1);
            return v instanceof Number n ? n.longValue() : null;
        }
    }
}
