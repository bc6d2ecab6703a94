package dev.tally.account.budget;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One budget as DescribeBudgets returns it, reduced to what {@code tally budget aws list} shows.
 *
 * @param limit amount and unit, e.g. {@code 250 USD}; empty for budgets with planned limits only
 * @param filters cost filters by name ({@code TagKeyValue} to {@code [user:Project$checkout]})
 * @param actualSpend amount and unit when Budgets has calculated it
 */
public record BudgetSummary(
        String name,
        Optional<String> limit,
        String period,
        String type,
        Map<String, List<String>> filters,
        Optional<String> actualSpend) {

    public BudgetSummary {
        requireNonNull(name, "name is null");
        requireNonNull(limit, "limit is null");
        requireNonNull(period, "period is null");
        requireNonNull(type, "type is null");
        filters = Map.copyOf(filters);
        requireNonNull(actualSpend, "actualSpend is null");
    }
}
