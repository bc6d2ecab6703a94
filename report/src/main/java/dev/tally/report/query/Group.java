package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * One line of a report: the dimension values, the exact cost, the usage in tokens and how many line items
 * fed it. {@code tokenCost} is the part of the cost whose usage is counted in tokens, so that cost per
 * million tokens is not skewed by model-unit or tax rows.
 */
public record Group(List<String> keys, BigDecimal cost, BigDecimal tokens, BigDecimal tokenCost, long rows) {
    public static final String OTHER = "(other)";

    public Group {
        keys = List.copyOf(requireNonNull(keys, "keys is null"));
        requireNonNull(cost, "cost is null");
        requireNonNull(tokens, "tokens is null");
        requireNonNull(tokenCost, "tokenCost is null");
    }

    /** Cost per million tokens, where the group's usage is tokens. */
    public Optional<BigDecimal> costPerMillionTokens() {
        if (tokens.signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(tokenCost.multiply(BigDecimal.valueOf(1_000_000)).divide(tokens, 6, RoundingMode.HALF_EVEN));
    }

    Group plus(Group other) {
        return new Group(keys, cost.add(other.cost), tokens.add(other.tokens), tokenCost.add(other.tokenCost), rows + other.rows);
    }
}
