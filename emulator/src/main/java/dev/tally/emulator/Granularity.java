package dev.tally.emulator;

import dev.tally.core.error.TallyException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How finely billing aggregates usage into line items, as a CUR 2.0 export's time granularity. */
public enum Granularity {
    HOURLY(ChronoUnit.HOURS),
    DAILY(ChronoUnit.DAYS);

    private final ChronoUnit unit;

    Granularity(ChronoUnit unit) {
        this.unit = unit;
    }

    public Instant bucketStart(Instant at) {
        return at.truncatedTo(unit);
    }

    public Instant bucketEnd(Instant start) {
        return start.plus(1, unit);
    }

    public static Granularity parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "hourly" -> HOURLY;
            case "daily" -> DAILY;
            default ->
                throw TallyException.invalidSetting("granularity", " expects hourly or daily, got '" + text + "'");
        };
    }
}
