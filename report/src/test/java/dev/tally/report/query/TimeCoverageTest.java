package dev.tally.report.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TimeCoverageTest {
    private static TimeCoverage newest(String day, String madeOn) {
        return new TimeCoverage(LocalDate.parse(day), LocalDate.parse(madeOn));
    }

    @Test
    void day_thatHadNotEndedOrWasTheDayBefore_isIncomplete_anOlderOneIsNot() {
        assertThat(newest("2026-10-03", "2026-10-03").isIncomplete(Dimension.Kind.DAY, "2026-10-03"))
                .isTrue();
        assertThat(newest("2026-10-03", "2026-10-04").isIncomplete(Dimension.Kind.DAY, "2026-10-03"))
                .isTrue();
        assertThat(newest("2026-10-03", "2026-10-05").isIncomplete(Dimension.Kind.DAY, "2026-10-03"))
                .isFalse();
        assertThat(newest("2026-10-03", "2026-10-03").isIncomplete(Dimension.Kind.DAY, "2026-10-02"))
                .isFalse();
    }

    @Test
    void monthOrWeek_isIncompleteUntilItsLastDayHasData() {
        assertThat(newest("2026-10-30", "2027-01-01").isIncomplete(Dimension.Kind.MONTH, "2026-10"))
                .isTrue();
        assertThat(newest("2026-10-31", "2026-11-01").isIncomplete(Dimension.Kind.MONTH, "2026-10"))
                .isFalse();
        // 2026-10-05 is a Monday: its week ends on Sunday 2026-10-11.
        assertThat(newest("2026-10-10", "2027-01-01").isIncomplete(Dimension.Kind.WEEK, "2026-10-05"))
                .isTrue();
        assertThat(newest("2026-10-11", "2026-10-12").isIncomplete(Dimension.Kind.WEEK, "2026-10-05"))
                .isFalse();
        assertThat(newest("2026-10-10", "2026-10-11").isIncomplete(Dimension.Kind.WEEK, "2026-09-28"))
                .isFalse();
    }
}
