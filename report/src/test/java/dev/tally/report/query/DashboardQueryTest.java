package dev.tally.report.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardQueryTest {
    private static final List<Dimension> DIMS = List.of(
            Dimension.tag("project"),
            Dimension.PRINCIPAL,
            new Dimension(Dimension.Kind.SESSION, Optional.empty()),
            new Dimension(Dimension.Kind.DAY, Optional.empty()));

    @Test
    void bounded_withinTheLimit_keepsEveryRowAndNoSlices() {
        Report data = data(3, 4);
        Dashboard d = DashboardQuery.bounded(Rollup.of(data, List.of(), Optional.empty()), data, 1_000);

        assertThat(d.data()).isSameAs(data);
        assertThat(d.bound()).isEmpty();
        assertThat(d.slices()).isEmpty();
        assertThat(d.timeGrain()).isEqualTo(Dimension.Kind.DAY);
    }

    @Test
    void bounded_pastTheLimit_foldsPrincipalAndSessionFirst_keepsTotals_andEachDimensionsDays() {
        Report data = data(40, 14);
        Report view = Rollup.of(data, List.of(Dimension.tag("project")), Optional.empty());
        Dashboard d = DashboardQuery.bounded(view, data, 100);

        CurrencyReport folded = d.data().currencies().get(0);
        assertThat(folded.groups()).hasSizeLessThanOrEqualTo(100);
        assertThat(folded.total()).isEqualByComparingTo(data.currencies().get(0).total());
        assertThat(folded.groups()).allSatisfy(g -> assertThat(g.keys().get(1)).isEqualTo(DashboardQuery.FOLDED));
        assertThat(d.timeGrain()).isEqualTo(Dimension.Kind.DAY);
        assertThat(d.bound()).singleElement().asString().contains("principal, session are folded");
        assertThat(d.view().warnings()).anyMatch(w -> w.startsWith("the HTML page's data: "));
        Report projectByDay = d.slices().get(Dimension.tag("project"));
        assertThat(projectByDay.currencies().get(0).groups()).hasSize(2 * 14);
        assertThat(projectByDay.currencies().get(0).total()).isEqualByComparingTo(folded.total());
    }

    @Test
    void bounded_stillTooBig_sumsDaysIntoWeeks() {
        Report data = data(40, 28);
        Dashboard d = DashboardQuery.bounded(Rollup.of(data, List.of(), Optional.empty()), data, 20);

        assertThat(d.timeGrain()).isEqualTo(Dimension.Kind.WEEK);
        assertThat(d.data().currencies().get(0).groups())
                .extracting(g -> g.keys().get(3))
                .containsOnly("2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26");
        assertThat(d.data().currencies().get(0).total())
                .isEqualByComparingTo(data.currencies().get(0).total());
    }

    @Test
    void rollup_ofTheData_isTheReportByTheAskedDimensions_withWeeksFromDays() {
        Report data = data(3, 10);
        Report byWeek =
                Rollup.of(data, List.of(new Dimension(Dimension.Kind.WEEK, Optional.empty())), Optional.empty());

        assertThat(byWeek.currencies().get(0).groups())
                .extracting(g -> g.keys().get(0))
                .containsExactly("2026-09-28", "2026-10-05");
        assertThat(byWeek.currencies().get(0).total())
                .isEqualByComparingTo(data.currencies().get(0).total());
    }

    /** Two projects, {@code sessions} sessions each, every day from 2026-10-01, each group 0.001 more than the last. */
    private static Report data(int sessions, int days) {
        List<Group> groups = new ArrayList<>();
        BigDecimal cost = new BigDecimal("1.000000000001");
        for (String project : List.of("alpha", "(untagged)")) {
            for (int s = 0; s < sessions; s++) {
                for (int d = 0; d < days; d++) {
                    cost = cost.add(new BigDecimal("0.001"));
                    groups.add(new Group(
                            List.of(
                                    project,
                                    "arn:aws:sts::1:assumed-role/dev/s" + s,
                                    "s" + s,
                                    java.time.LocalDate.of(2026, 10, 1)
                                            .plusDays(d)
                                            .toString()),
                            cost,
                            BigDecimal.ZERO,
                            BigDecimal.ZERO,
                            1));
                }
            }
        }
        CurrencyReport usd =
                CurrencyReport.of("USD", DIMS, groups, BigDecimal.ZERO, Optional.empty(), Optional.empty());
        return new Report(DIMS, false, List.of(usd), "tag:project", List.of());
    }
}
