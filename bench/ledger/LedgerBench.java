import dev.tally.core.usage.PricingModel;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.Outcome;
import dev.tally.ledger.SyncMode;
import dev.tally.ledger.TokenCounts;
import dev.tally.ledger.UsageEvent;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ledger write throughput (docs/benchmarks.md, section "Ledger"). Each case starts from an empty ledger file
 * and has CALLERS virtual threads each record an event and wait for its commit, then the next (what gateway
 * requests do), until EVENTS are stored; it prints events per second. Cases, interleaved round by round:
 *   ledger-normal / ledger-full   Ledger.record (group commit) with SyncMode NORMAL / FULL
 *   ledger-normal-1               one caller: every event waits for its own commit (the commit's latency)
 *   naive-normal / naive-full     the baseline: one INSERT per transaction on one shared connection, same file
 *                                 settings (WAL, synchronous) - what a gateway without group commit does
 * Run it with bench/ledger/run.sh [ROUNDS] [EVENTS] [CALLERS].
 */
public final class LedgerBench {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int events = Integer.parseInt(args[1]);
        int callers = Integer.parseInt(args[2]);
        Path work = Files.createTempDirectory("tally-bench-ledger");
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        List<Double> openFresh = new ArrayList<>();
        List<Double> openExisting = new ArrayList<>();
        // Warm-up, not counted: the JIT compiles the writer's and the callers' paths.
        for (SyncMode sync : SyncMode.values()) {
            ledger(work.resolve("warm-" + sync + ".db"), sync, Math.max(1, events / 4), callers);
        }
        for (int round = 0; round < rounds; round++) {
            for (SyncMode sync : SyncMode.values()) {
                String name = sync.name().toLowerCase();
                rates.computeIfAbsent("ledger-" + name, k -> new ArrayList<>())
                        .add(ledger(work.resolve("l-" + name + round + ".db"), sync, events, callers));
                // The naive writer pays a commit (and with FULL an fsync) per event: a tenth of the events.
                rates.computeIfAbsent("naive-" + name, k -> new ArrayList<>())
                        .add(naive(work.resolve("n-" + name + round + ".db"), sync, Math.max(1, events / 10), callers));
            }
            rates.computeIfAbsent("ledger-normal-1", k -> new ArrayList<>())
                    .add(ledger(work.resolve("one" + round + ".db"), SyncMode.NORMAL, Math.max(1, events / 20), 1));
            Path fresh = work.resolve("open" + round + ".db");
            long t0 = System.nanoTime();
            Ledger.open(fresh.toString(), SyncMode.NORMAL).close();
            long t1 = System.nanoTime();
            Ledger.open(fresh.toString(), SyncMode.NORMAL).close();
            long t2 = System.nanoTime();
            openFresh.add((t1 - t0) / 1e6);
            openExisting.add((t2 - t1) / 1e6);
            System.err.println("round " + (round + 1) + " of " + rounds + " done");
        }
        System.out.printf("%-18s %14s   (median of %d rounds; %d callers, %d events per ledger case)%n",
                "case", "events/s", rounds, callers, events);
        rates.forEach((name, list) -> System.out.printf("%-18s %,14.0f   all: %s%n", name, median(list), list.stream()
                .map(r -> String.format("%,.0f", r))
                .toList()));
        System.out.printf("open, new file      %8.1f ms   all: %s%n", median(openFresh), openFresh);
        System.out.printf("open, existing      %8.1f ms   all: %s%n", median(openExisting), openExisting);
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static double ledger(Path db, SyncMode sync, int events, int callers) throws Exception {
        try (Ledger ledger = Ledger.open(db.toString(), sync)) {
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            run(callers, () -> {
                int i;
                while ((i = next.getAndIncrement()) < events) {
                    ledger.record(event(i)).join();
                }
            });
            return events / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double naive(Path db, SyncMode sync, int events, int callers) throws Exception {
        // The ledger's schema and pragmas, so the only difference is the commit per event.
        Ledger.open(db.toString(), sync).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=" + sync.name());
            }
            PreparedStatement insert = c.prepareStatement("INSERT INTO usage_event (id, time_us, key_id, user_name,"
                    + " session_arn, tags, model_id, model, operation, input_tokens, output_tokens, cache_read_tokens,"
                    + " cache_write_5m_tokens, cache_write_1h_tokens, pricing_model, cost, currency, http_status,"
                    + " latency_us, time_to_first_token_us, outcome, estimated)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 0)");
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            run(callers, () -> {
                int i;
                while ((i = next.getAndIncrement()) < events) {
                    UsageEvent e = event(i);
                    synchronized (insert) {
                        try {
                            int p = 1;
                            insert.setString(p++, e.id());
                            insert.setLong(p++, e.time().toEpochMilli() * 1000);
                            insert.setString(p++, e.keyId());
                            insert.setString(p++, e.user());
                            insert.setString(p++, e.sessionArn());
                            insert.setString(p++, "{\"Team\":\"search\",\"User\":\"" + e.user() + "\"}");
                            insert.setString(p++, e.modelId());
                            insert.setString(p++, e.model());
                            insert.setString(p++, e.operation());
                            insert.setLong(p++, e.tokens().input());
                            insert.setLong(p++, e.tokens().output());
                            insert.setLong(p++, e.tokens().cacheRead());
                            insert.setLong(p++, e.tokens().cacheWrite5m());
                            insert.setLong(p++, e.tokens().cacheWrite1h());
                            insert.setString(p++, e.pricingModel().name());
                            insert.setString(p++, e.cost().toPlainString());
                            insert.setString(p++, e.currency());
                            insert.setInt(p++, e.httpStatus());
                            insert.setLong(p++, e.latency().toNanos() / 1000);
                            insert.setString(p, e.outcome().name());
                            insert.executeUpdate(); // auto-commit: one transaction per event
                        } catch (java.sql.SQLException x) {
                            throw new RuntimeException(x);
                        }
                    }
                }
            });
            return events / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void run(int callers, Runnable caller) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            threads.add(Thread.ofVirtual().start(caller));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static UsageEvent event(int i) {
        String user = "user" + (i % 50);
        return new UsageEvent(
                "ev-" + i,
                Instant.parse("2026-11-02T09:00:00Z").plusMillis(i),
                "key_" + (i % 50),
                user,
                "arn:aws:sts::123456789012:assumed-role/TallyGateway/gw-" + user,
                Map.of("User", user, "Team", "search"),
                "us.anthropic.claude-sonnet-4-6",
                "Claude4.6Sonnet",
                "converse-stream",
                new TokenCounts(1200, 350, 5000, 200, 0),
                PricingModel.ON_DEMAND,
                new BigDecimal("0.0123450"),
                "USD",
                200,
                Duration.ofMillis(850),
                Optional.of(Duration.ofMillis(210)),
                Outcome.COMPLETED,
                false);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
