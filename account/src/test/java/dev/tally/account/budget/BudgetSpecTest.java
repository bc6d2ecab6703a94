package dev.tally.account.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetSpecTest {
    private static final BudgetTagFilter TAG = BudgetTagFilter.parse("Project=checkout");

    private static BudgetSpec spec(String name, String limit, List<String> emails, String thresholds) {
        return new BudgetSpec(
                name,
                BudgetSpec.parseLimit(limit),
                BudgetPeriod.MONTHLY,
                TAG,
                emails,
                thresholds.isEmpty() ? List.of() : BudgetSpec.parseThresholds(thresholds));
    }

    @Test
    void tagFilter_isUserPrefixedKeyDollarValue() {
        assertThat(BudgetTagFilter.parse("Project=checkout").filterValue()).isEqualTo("user:Project$checkout");
        assertThat(BudgetTagFilter.parse(" team = data science ").filterValue()).isEqualTo("user:team$data science");
        assertThat(BudgetTagFilter.parse("k=a=b").value()).isEqualTo("a=b");
    }

    @Test
    void tagFilter_withoutEqualsOrValue_isAUsageLine() {
        assertThatThrownBy(() -> BudgetTagFilter.parse("Project"))
                .hasMessage("tag 'Project' has no '=' (expected KEY=VALUE, e.g. Project=checkout)");
        assertThatThrownBy(() -> BudgetTagFilter.parse("Project=")).hasMessageContaining("empty value");
        assertThatThrownBy(() -> BudgetTagFilter.parse("Pro#ject=x")).hasMessageStartingWith("tag 'Pro#ject=x':");
    }

    @Test
    void limit_acceptsDecimalUsdAndRefusesTheRest() {
        assertThat(BudgetSpec.parseLimit("250")).isEqualByComparingTo("250");
        assertThat(BudgetSpec.parseLimit("$99.50")).isEqualByComparingTo("99.50");
        for (String bad : List.of("abc", "-5", "1e3", "1,000", "", "12.")) {
            assertThatThrownBy(() -> BudgetSpec.parseLimit(bad))
                    .as(bad)
                    .hasMessageContaining("is not an amount in USD");
        }
        assertThatThrownBy(() -> spec("n", "0", List.of(), "")).hasMessage("limit 0 must be more than 0 USD");
    }

    @Test
    void emails_mustBeAddresses_atMostTen_noneTwice() {
        assertThatThrownBy(() -> spec("n", "1", List.of("fin.acme.org"), "80"))
                .isInstanceOf(TallyException.class)
                .satisfies(e -> assertThat(((TallyException) e).kind()).isEqualTo(ErrorKind.USAGE))
                .hasMessage("e-mail address 'fin.acme.org' is not an address (expected name@example.com)");
        assertThatThrownBy(() -> spec(
                        "n", "1", Collections.nCopies(11, "a@b.co").stream().toList(), "80"))
                .hasMessageContaining("at most 10");
        assertThatThrownBy(() -> spec("n", "1", List.of("a@b.co", "a@b.co"), "80"))
                .hasMessageContaining("given twice");
    }

    @Test
    void thresholds_percentagesAboveZeroToAThousand_andOnlyWithAnAddress() {
        assertThat(BudgetSpec.parseThresholds("80, 100%,150.5"))
                .containsExactly(new BigDecimal("80"), new BigDecimal("100"), new BigDecimal("150.5"));
        assertThatThrownBy(() -> spec("n", "1", List.of("a@b.co"), "0"))
                .hasMessageContaining("threshold 0% is out of range");
        assertThatThrownBy(() -> spec("n", "1", List.of("a@b.co"), "1001"))
                .hasMessageContaining("threshold 1001% is out of range");
        assertThatThrownBy(() -> BudgetSpec.parseThresholds("80,,100"))
                .hasMessageContaining("threshold '' in '80,,100' is not a percentage");
        assertThatThrownBy(() -> BudgetSpec.parseThresholds("eighty")).hasMessageContaining("not a percentage");
        assertThatThrownBy(() -> spec("n", "1", List.of("a@b.co"), "80,80.0")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> spec("n", "1", List.of(), "80"))
                .hasMessageContaining("need at least one e-mail address");
        assertThatThrownBy(() -> spec("n", "1", List.of("a@b.co"), "1,2,3,4,5,6,7,8,9,10,11"))
                .hasMessageContaining("at most 10 notifications");
    }

    @Test
    void name_oneToHundredCharactersWithoutColonOrBackslash() {
        assertThatThrownBy(() -> spec("a:b", "1", List.of(), "")).hasMessageContaining("without ':' or '\\'");
        assertThatThrownBy(() -> spec("x".repeat(101), "1", List.of(), "")).hasMessageContaining("1 to 100 characters");
        assertThat(spec("Bedrock checkout (monthly)", "1", List.of(), "").name())
                .isEqualTo("Bedrock checkout (monthly)");
    }
}
