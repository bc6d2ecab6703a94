package dev.tally.gateway.bench;

import dev.tally.gateway.timing.Stage;
import dev.tally.gateway.timing.StageSink;
import dev.tally.gateway.timing.StageTimes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * For bench/gateway/run.sh: gathers the stage times of the requests a gateway proxies while armed, and tells the
 * median, 90th and 99th percentiles of the time between each stage and the next (in microseconds), and the average
 * of the slowest 1% of requests, so a benchmark says not only how much the hop adds but where it goes.
 */
final class StageBreakdown implements StageSink {
    private static final Stage[] STAGES = Stage.values();
    private static final int LAST = STAGES.length - 1;

    private final ConcurrentLinkedQueue<long[]> requests = new ConcurrentLinkedQueue<>();
    private volatile boolean armed;

    @Override
    public void finished(StageTimes times) {
        if (armed) {
            long[] at = new long[STAGES.length];
            for (Stage s : STAGES) {
                at[s.ordinal()] = times.at(s);
            }
            requests.add(at);
        }
    }

    void start() {
        requests.clear();
        armed = true;
    }

    /** One line per stage: from the previous stage stamped, to it. */
    List<String> report() {
        armed = false;
        List<long[]> all = new ArrayList<>(requests);
        List<long[]> answered =
                all.stream().filter(a -> a[0] > 0 && a[LAST] > 0).toList();
        long[] total =
                answered.stream().mapToLong(StageBreakdown::total).sorted().toArray();
        // The slowest 1% from arrival to answer, and which stages their time went to: a request's p99 is made by a
        // few stages at once, which the per-stage percentiles do not tell.
        List<long[]> slowest = List.of();
        if (total.length > 0) {
            double p99 = pct(total, 99);
            slowest = answered.stream().filter(a -> total(a) >= p99).toList();
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%d requests; microseconds from the previous stage to each", all.size()));
        lines.add(String.format("%-18s %8s %8s %8s %12s", "stage", "p50", "p90", "p99", "slowest 1%"));
        for (int i = 1; i < STAGES.length; i++) {
            long[] gaps = gaps(all, i);
            if (gaps.length > 0) {
                lines.add(line(STAGES[i].name().toLowerCase(Locale.ROOT), gaps, gaps(slowest, i)));
            }
        }
        if (total.length > 0) {
            lines.add(line(
                    "arrived-answered",
                    total,
                    slowest.stream().mapToLong(StageBreakdown::total).toArray()));
        }
        return lines;
    }

    /** Percentiles of {@code sorted}, then the average of {@code slowest}'s, in microseconds. */
    private static String line(String name, long[] sorted, long[] slowest) {
        return String.format(
                "%-18s %8.0f %8.0f %8.0f %12.0f",
                name,
                pct(sorted, 50) / 1e3,
                pct(sorted, 90) / 1e3,
                pct(sorted, 99) / 1e3,
                Arrays.stream(slowest).average().orElse(0) / 1e3);
    }

    private static long total(long[] at) {
        return at[LAST] - at[0];
    }

    /** For stage {@code i}: the time since the latest earlier stage that was stamped, per request that has both. */
    private static long[] gaps(List<long[]> all, int i) {
        return all.stream()
                .filter(a -> a[i] > 0)
                .mapToLong(a -> {
                    for (int j = i - 1; j >= 0; j--) {
                        if (a[j] > 0) {
                            return a[i] - a[j];
                        }
                    }
                    return Long.MIN_VALUE;
                })
                .filter(g -> g != Long.MIN_VALUE)
                .sorted()
                .toArray();
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
