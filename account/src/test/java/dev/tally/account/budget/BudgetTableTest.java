package dev.tally.account.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetTableTest {
    @Test
    void render_alignsColumnsAndRightAlignsAmounts() {
        String table = BudgetTable.render(List.of(
                new BudgetSummary(
                        "checkout",
                        Optional.of("250.5 USD"),
                        "MONTHLY",
                        "COST",
                        Map.of("TagKeyValue", List.of("user:Project$checkout")),
                        Optional.of("12.3 USD")),
                new BudgetSummary("all", Optional.of("1000 USD"), "ANNUALLY", "COST", Map.of(), Optional.empty())));
        assertThat(table).isEqualTo("""
                NAME      LIMIT      PERIOD    FILTER                             ACTUAL
                checkout  250.5 USD  monthly   TagKeyValue=user:Project$checkout  12.3 USD
                all        1000 USD  annually  (none)                                    -
                """);
    }

    @Test
    void render_noBudgets_saysSo() {
        assertThat(BudgetTable.render(List.of())).isEqualTo("No budgets in this account.\n");
    }
}
