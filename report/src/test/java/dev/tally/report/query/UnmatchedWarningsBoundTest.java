package dev.tally.report.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnmatchedWarningsBoundTest {
    @Test
    void whereValueMatchingNothing_listsAtMostEightValuesAndCountsTheRest() {
        List<RawGroup> rows = new ArrayList<>();
        for (int i = 10; i < 22; i++) {
            rows.add(new RawGroup(
                    LocalDate.of(2026, 11, 2),
                    "1111222233" + i,
                    "AmazonBedrock",
                    "us-east-1",
                    "USE1-Claude4.6Sonnet-input-tokens",
                    "InvokeModelInference",
                    null,
                    null,
                    "1K tokens",
                    "USD",
                    List.of(""),
                    BigDecimal.ONE,
                    BigDecimal.ONE,
                    1,
                    0,
                    RawGroup.BILL));
        }
        ReportRequest asked =
                ReportRequest.of(List.of("x")).withWhere(List.of(Condition.parse("account=111122223399")));
        // By edit distance: ...19 differs in one digit, the others in two and come in order, so ...10 to ...16.
        assertThat(new UnmatchedWarnings(asked, List.of(DimensionValues.PROJECT_TAG)).of(rows, Set::of))
                .containsExactly("--where account=111122223399 matches no row; account has '111122223319', "
                        + "'111122223310', '111122223311', '111122223312', '111122223313', '111122223314', "
                        + "'111122223315', '111122223316' and 4 more");
    }
}
