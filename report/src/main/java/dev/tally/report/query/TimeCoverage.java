package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * How far a report's data reach in time, so that every renderer marks the newest period that had not ended as
 * incomplete (issue 16), by the HTML page's rule: a week or month whose last day has no data yet, or a day that had
 * not ended (or was the day before: exports lag by up to a day) on {@code madeOn}.
 *
 * @param newestDay the newest usage day in the report's data
 * @param madeOn the day (UTC) the report was made
 */
public record TimeCoverage(LocalDate newestDay, LocalDate madeOn) {
    public TimeCoverage {
        requireNonNull(newestDay, "newestDay is null");
        requireNonNull(madeOn, "madeOn is null");
    }

    /** Whether {@code key}, a value of the time dimension {@code grain}, is the newest period and had not ended. */
    public boolean isIncomplete(Dimension.Kind grain, String key) {
        return switch (grain) {
            case DAY -> key.equals(newestDay.toString()) && !newestDay.isBefore(madeOn.minusDays(1));
            case WEEK -> {
                LocalDate monday = newestDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield key.equals(monday.toString()) && newestDay.isBefore(monday.plusDays(6));
            }
            case MONTH ->
                key.equals(newestDay.toString().substring(0, 7))
                        && newestDay.isBefore(newestDay.with(TemporalAdjusters.lastDayOfMonth()));
            default -> false;
        };
    }

    /** Whether any time key of {@code group} (over {@code dimensions}) is an incomplete period. */
    public boolean isIncomplete(List<Dimension> dimensions, Group group) {
        for (int i = 0; i < dimensions.size(); i++) {
            if (dimensions.get(i).isTime()
                    && isIncomplete(dimensions.get(i).kind(), group.keys().get(i))) {
                return true;
            }
        }
        return false;
    }
}
