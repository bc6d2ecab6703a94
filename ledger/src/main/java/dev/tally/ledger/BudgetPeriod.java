package dev.tally.ledger;

import dev.tally.core.error.TallyException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** How often a budget starts again: at midnight UTC, on Monday at midnight UTC, or on the 1st at midnight UTC. */
public enum BudgetPeriod {
    DAILY,
    WEEKLY,
    MONTHLY;

    /**
     * {@code daily|weekly|monthly}, or {@code day|week|month}.
     *
     * @throws TallyException USAGE for anything else
     */
    public static BudgetPeriod parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "daily", "day" -> DAILY;
            case "weekly", "week" -> WEEKLY;
            case "monthly", "month" -> MONTHLY;
            default -> throw TallyException.usage("period '" + text + "': expected daily, weekly or monthly");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The start of the period that holds {@code t}. */
    public Instant start(Instant t) {
        LocalDate day = LocalDate.ofInstant(t, ZoneOffset.UTC);
        LocalDate first = switch (this) {
            case DAILY -> day;
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1);
        };
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** When the period that holds {@code t} ends and the next begins. */
    public Instant end(Instant t) {
        LocalDate first = LocalDate.ofInstant(start(t), ZoneOffset.UTC);
        LocalDate next = switch (this) {
            case DAILY -> first.plusDays(1);
            case WEEKLY -> first.plusWeeks(1);
            case MONTHLY -> first.plusMonths(1);
        };
        return next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
