package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import dev.tally.report.read.TagLookup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Warnings for a report that asked for something the data does not hold: a tag key no input carries
 * ({@code --by tag:Projekt}, or {@code tag:user_project} copied from a {@code resource_tags} column), which would
 * otherwise put every row in {@code (untagged)} without a word, and a {@code --where} value no row has. Each names
 * what the data does hold, closest first. Run on the raw groups, after the first step, so DuckDB and Spark reports
 * warn alike.
 */
final class UnmatchedWarnings {
    /** Enough to spot a typo, short enough for one stderr line. */
    static final int SHOWN = 8;

    private final ReportRequest request;
    private final DimensionValues values;

    UnmatchedWarnings(ReportRequest request, List<TagLookup> tags) {
        this.request = requireNonNull(request, "request is null");
        // Its own reader, whose warnings (an ARN that does not parse) the report's aggregation gives anyway.
        this.values = new DimensionValues(tags, w -> {});
    }

    /**
     * Both warnings.
     *
     * @param seenKeys the tag keys the inputs hold, normalized as {@link TagKeys#normalize}; asked only when a tag
     *     key has no value in any row (for CSV it scans rows)
     */
    List<String> of(List<RawGroup> rows, Supplier<Set<String>> seenKeys) {
        List<String> warnings = new ArrayList<>();
        Set<Dimension> unknownTags = new HashSet<>();
        Set<Dimension> tagDimensions = new LinkedHashSet<>();
        request.by().stream().filter(d -> d.kind() == Dimension.Kind.TAG).forEach(tagDimensions::add);
        request.where().stream()
                .map(Condition::dimension)
                .filter(d -> d.kind() == Dimension.Kind.TAG)
                .forEach(tagDimensions::add);
        Set<String> seen = null;
        for (Dimension tag : tagDimensions) {
            Function<RawGroup, String> reader = values.reader(tag);
            if (rows.stream().anyMatch(r -> !reader.apply(r).equals(Group.UNTAGGED))) {
                continue;
            }
            if (seen == null) {
                seen = seenKeys.get();
            }
            if (!seen.contains(tag.matchKey().orElseThrow())) {
                unknownTags.add(tag);
                warnings.add(unknownTagKey(tag, seen));
            }
        }
        warnings.addAll(whereValues(rows, unknownTags));
        return warnings;
    }

    /** The {@code --where} warning alone, for inputs whose tag keys are not known (a ledger only). */
    List<String> whereValues(List<RawGroup> rows) {
        return whereValues(rows, Set.of());
    }

    /** A tag dimension already warned about has nothing but (untagged): saying so twice is noise. */
    private List<String> whereValues(List<RawGroup> rows, Set<Dimension> warned) {
        List<String> warnings = new ArrayList<>();
        for (Condition c : request.where()) {
            if (warned.contains(c.dimension())) {
                continue;
            }
            Function<RawGroup, String> reader = values.reader(c.dimension());
            Set<String> held = new TreeSet<>();
            for (RawGroup row : rows) {
                held.add(reader.apply(row));
            }
            if (!held.isEmpty() && !held.contains(c.value())) {
                String dim = c.dimension().label();
                warnings.add("--where " + dim + "=" + c.value() + " matches no row; " + dim + " has "
                        + list(closest(c.value(), held), v -> "'" + v + "'"));
            }
        }
        return warnings;
    }

    private static String unknownTagKey(Dimension tag, Set<String> seen) {
        String typed = tag.tagKey().orElseThrow();
        String message =
                "no input has the tag key '" + typed + "', so every row is " + Group.UNTAGGED + " under " + tag.label();
        if (seen.isEmpty()) {
            return message + "; the inputs have no tag keys";
        }
        // tag:user_project or tag:iamPrincipal/Project: the prefix an export's column spells is not part of the key.
        String bare = TagKeys.normalize(typed);
        List<String> keys = closest(bare, seen);
        if (!bare.equals(tag.matchKey().orElseThrow()) && seen.contains(bare)) {
            keys.remove(bare);
            keys.addFirst(bare);
            message += " (the export's prefix is not part of the key: tag:" + bare + ")";
        }
        return message + "; keys seen: " + list(keys, k -> "tag:" + k);
    }

    /** Candidates by edit distance from {@code wanted} ignoring case, then alphabetically. */
    static List<String> closest(String wanted, Set<String> candidates) {
        String w = wanted.toLowerCase(Locale.ROOT);
        return new ArrayList<>(candidates.stream()
                .sorted(Comparator.comparingInt((String c) -> distance(w, c.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .toList());
    }

    private static String list(List<String> items, Function<String, String> show) {
        List<String> shown = items.stream().limit(SHOWN).map(show).toList();
        String more = items.size() > SHOWN ? " and " + (items.size() - SHOWN) + " more" : "";
        return String.join(", ", shown) + more;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
