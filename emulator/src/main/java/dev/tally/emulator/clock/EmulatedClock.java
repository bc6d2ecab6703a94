package dev.tally.emulator.clock;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The time billing stamps usage with: {@code start + elapsed real time x speed}. It drives billing only;
 * signature skew, credential expiry and HTTP dates stay on the real clock, as they would against AWS.
 */
public final class EmulatedClock {
    /** Per-request override, so a test can place one call on a chosen day. */
    public static final String TIME_HEADER = "X-Tally-Emulator-Time";

    private final Instant start;
    private final double speed;
    private final long startNanos;

    public EmulatedClock(ClockSpec spec) {
        requireNonNull(spec, "spec is null");
        this.start = spec.start().orElseGet(Instant::now);
        this.speed = spec.speed();
        this.startNanos = System.nanoTime();
    }

    public Instant now() {
        long elapsed = System.nanoTime() - startNanos;
        if (speed == 1) {
            return start.plusNanos(elapsed);
        }
        return start.plus(Duration.ofNanos((long) (elapsed * speed)));
    }

    /** The header's instant if it holds one, else {@link #now()}. */
    public Instant at(Optional<String> header) {
        if (header.isPresent()) {
            try {
                return Instant.parse(header.get().strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        TIME_HEADER + " must be an ISO instant such as 2026-11-01T10:00:00Z");
            }
        }
        return now();
    }
}
