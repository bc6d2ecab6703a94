package dev.tally.account.budget;

import dev.tally.core.error.TallyException;
import java.util.Locale;
import software.amazon.awssdk.services.budgets.model.TimeUnit;

/** How often a budget's limit resets: AWS Budgets' TimeUnit (DAILY exists too, but a tag budget is monthly or longer). */
public enum BudgetPeriod {
    MONTHLY(TimeUnit.MONTHLY),
    QUARTERLY(TimeUnit.QUARTERLY),
    ANNUALLY(TimeUnit.ANNUALLY);

    private final TimeUnit timeUnit;

    BudgetPeriod(TimeUnit timeUnit) {
        this.timeUnit = timeUnit;
    }

    public TimeUnit timeUnit() {
        return timeUnit;
    }

    public static BudgetPeriod parse(String text) {
        String wanted = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (BudgetPeriod p : values()) {
            if (p.name().equals(wanted)) {
                return p;
            }
        }
        throw TallyException.usage("period '" + text + "' is not one of: monthly, quarterly, annually");
    }
}
