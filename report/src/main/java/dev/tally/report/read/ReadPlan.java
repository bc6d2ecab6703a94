package dev.tally.report.read;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What a reader must project: the cost column to read and the tag values to resolve into columns {@code tag_0}, {@code tag_1}, ... */
public record ReadPlan(CostBasis costBasis, List<TagLookup> tags) {
    public ReadPlan {
        requireNonNull(costBasis, "costBasis is null");
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
    }

    public static String tagColumn(int index) {
        return "tag_" + index;
    }
}
