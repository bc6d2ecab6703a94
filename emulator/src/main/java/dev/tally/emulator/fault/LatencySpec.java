package dev.tally.emulator.fault;

import static java.util.Objects.requireNonNull;

import dev.tally.emulator.clock.SpecParser;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How slow the model seems: time to first token, then output tokens per second. Zero and unlimited by
 * default, so tests and benchmarks run at full speed.
 */
public record LatencySpec(Duration timeToFirstToken, double tokensPerSecond) {
    public static final LatencySpec NONE = new LatencySpec(Duration.ZERO, Double.POSITIVE_INFINITY);

    public LatencySpec {
        requireNonNull(timeToFirstToken, "timeToFirstToken is null");
    }

    public static LatencySpec parse(String spec) {
        Map<String, String> p = SpecParser.pairs("latency", spec, Set.of("ttft", "tps"));
        Duration ttft = p.containsKey("ttft") ? SpecParser.duration("latency", "ttft", p.get("ttft")) : Duration.ZERO;
        double tps =
                p.containsKey("tps") ? SpecParser.positive("latency", "tps", p.get("tps")) : Double.POSITIVE_INFINITY;
        return new LatencySpec(ttft, tps);
    }

    public boolean none() {
        return timeToFirstToken.isZero() && Double.isInfinite(tokensPerSecond);
    }

    /** How long {@code tokens} output tokens take to generate. */
    public Duration forTokens(long tokens) {
        if (Double.isInfinite(tokensPerSecond) || tokens <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (tokens / tokensPerSecond * 1e9));
    }

    /** Sleeps, keeping the interrupt for the caller: a closing emulator interrupts streams. */
    public static void pause(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
