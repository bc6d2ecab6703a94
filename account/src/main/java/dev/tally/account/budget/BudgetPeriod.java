package dev.tally.account.budget;

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
}
