package dev.tally.ledger.sql;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times and durations as microseconds in BIGINT columns: portable across databases, indexable, exact to the
 * microsecond (finer than any clock the gateway reads meaningfully), and never a time zone question.
 */
public final class Micros {
    /** Instants beyond these do not fit a long of microseconds; ranges are clamped to them. */
    private static final Instant MIN = Instant.EPOCH.plus(Long.MIN_VALUE / 2, ChronoUnit.MICROS);

    private static final Instant MAX = Instant.EPOCH.plus(Long.MAX_VALUE / 2, ChronoUnit.MICROS);

    private Micros() {}

    public static long of(Instant instant) {
        Instant clamped = instant.isBefore(MIN) ? MIN : instant.isAfter(MAX) ? MAX : instant;
        return ChronoUnit.MICROS.between(Instant.EPOCH, clamped);
    }

    public static long of(Duration duration) {
        return duration.toNanos() / 1_000;
    }

    public static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    public static Duration duration(long micros) {
        return Duration.of(micros, ChronoUnit.MICROS);
    }
}
