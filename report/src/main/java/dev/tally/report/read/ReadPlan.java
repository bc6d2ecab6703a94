package dev.tally.report.read;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a reader must project: the cost column to read and the tag keys (lower case, trimmed) to resolve into
 * columns {@code tag_0}, {@code tag_1}, ...
 */
public record ReadPlan(CostBasis costBasis, List<String> tagKeys) {
    public ReadPlan {
        requireNonNull(costBasis, "costBasis is null");
        tagKeys = List.copyOf(requireNonNull(tagKeys, "tagKeys is null"));
    }

    public static String tagColumn(int index) {
        return "tag_" + index;
    }
}
