package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One line of a report: the dimension values, the exact cost, the usage in tokens and how many line items
 * fed it. {@code tokenCost} is the part of the cost whose usage is counted in tokens, so that cost per
 * million tokens is not skewed by model-unit or tax rows.
 */
public record Group(List<String> keys, BigDecimal cost, BigDecimal tokens, BigDecimal tokenCost, long rows) {
    /** The key of the groups folded by --top. */
    public static final String OTHER = "(other)";
    /** The key of spend without the grouped tag (missing, NULL or empty). */
    public static final String UNTAGGED = "(untagged)";
    /** The key of spend without any other dimension's value. */
    public static final String NONE = "(none)";

    /** Cost descending, then keys ascending, so every output is deterministic. */
    public static final Comparator<Group> ORDER = Comparator.comparing(Group::cost)
            .reversed()
            .thenComparing(Group::keys, (a, b) -> {
                for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                    int c = a.get(i).compareTo(b.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(a.size(), b.size());
            });

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
        return new Group(
                keys,
                cost.add(other.cost),
                tokens.add(other.tokens),
                tokenCost.add(other.tokenCost),
                rows + other.rows);
    }
}
