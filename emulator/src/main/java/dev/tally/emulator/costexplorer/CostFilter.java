package dev.tally.emulator.costexplorer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.cur.CurLineItem;
import dev.tally.emulator.http.AwsJsonError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Cost Explorer's filter {@code Expression}: exactly one of {@code And}, {@code Or}, {@code Not},
 * {@code Dimensions}, {@code Tags} (cost categories do not exist here), with {@code MatchOptions}
 * {@code EQUALS} (the default), {@code ABSENT}, {@code STARTS_WITH}, {@code ENDS_WITH}, {@code CONTAINS},
 * {@code CASE_SENSITIVE} / {@code CASE_INSENSITIVE}. Tags filter only when active, as on AWS.
 */
sealed interface CostFilter {
    CostFilter ALL = new Everything();

    boolean test(CurLineItem item, Map<String, String> activeTags);

    record Everything() implements CostFilter {
        @Override
        public boolean test(CurLineItem item, Map<String, String> tags) {
            return true;
        }
    }

    record And(List<CostFilter> parts) implements CostFilter {
        @Override
        public boolean test(CurLineItem item, Map<String, String> tags) {
            return parts.stream().allMatch(p -> p.test(item, tags));
        }
    }

    record Or(List<CostFilter> parts) implements CostFilter {
        @Override
        public boolean test(CurLineItem item, Map<String, String> tags) {
            return parts.stream().anyMatch(p -> p.test(item, tags));
        }
    }

    record Not(CostFilter part) implements CostFilter {
        @Override
        public boolean test(CurLineItem item, Map<String, String> tags) {
            return !part.test(item, tags);
        }
    }

    record DimensionIs(CostDimension dimension, Match match) implements CostFilter {
        @Override
        public boolean test(CurLineItem item, Map<String, String> tags) {
            return match.test(dimension.valueOf(item));
        }
    }

    record TagIs(String key, Match match) implements CostFilter {
        @Override
        public boolean test(CurLineItem item, Map<String, String> tags) {
            return match.test(tags.get(key));
        }
    }

    /** Values and match options of one Dimensions or Tags entry. */
    record Match(List<String> values, Set<String> options) {
        private static final Set<String> KNOWN = Set.of(
                "EQUALS",
                "ABSENT",
                "STARTS_WITH",
                "ENDS_WITH",
                "CONTAINS",
                "CASE_SENSITIVE",
                "CASE_INSENSITIVE",
                "GREATER_THAN_OR_EQUAL");

        boolean test(@Nullable String actual) {
            if (options.contains("ABSENT")) {
                return actual == null || actual.isEmpty();
            }
            if (actual == null) {
                return false;
            }
            boolean insensitive = options.contains("CASE_INSENSITIVE");
            String a = insensitive ? actual.toLowerCase(Locale.ROOT) : actual;
            for (String v : values) {
                String w = insensitive ? v.toLowerCase(Locale.ROOT) : v;
                boolean hit = options.contains("CONTAINS")
                        ? a.contains(w)
                        : options.contains("STARTS_WITH")
                                ? a.startsWith(w)
                                : options.contains("ENDS_WITH") ? a.endsWith(w) : a.equals(w);
                if (hit) {
                    return true;
                }
            }
            return false;
        }

        static Match parse(JsonNode node, String where) {
            List<String> values = new ArrayList<>();
            node.path("Values").forEach(v -> values.add(v.asText()));
            List<String> options = new ArrayList<>();
            node.path("MatchOptions").forEach(o -> options.add(o.asText()));
            for (String o : options) {
                if (!KNOWN.contains(o)) {
                    throw AwsJsonError.validation(where + " MatchOptions value " + o + " is invalid");
                }
            }
            if (values.isEmpty() && !options.contains("ABSENT")) {
                throw AwsJsonError.validation(where + " needs Values (or MatchOptions ABSENT)");
            }
            return new Match(List.copyOf(values), Set.copyOf(options));
        }
    }

    /** Parses an Expression; a missing one matches everything. */
    static CostFilter parse(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return ALL;
        }
        List<String> present = new ArrayList<>();
        node.fieldNames().forEachRemaining(present::add);
        if (present.size() != 1) {
            throw AwsJsonError.validation(
                    "Expression must have exactly one of And, Or, Not, Dimensions, Tags, CostCategories; got "
                            + present);
        }
        String kind = present.get(0);
        JsonNode value = node.get(kind);
        return switch (kind) {
            case "And", "Or" -> {
                if (!value.isArray() || value.size() < 2) {
                    throw AwsJsonError.validation(kind + " expression needs at least two expressions");
                }
                List<CostFilter> parts = new ArrayList<>();
                value.forEach(v -> parts.add(parse(v)));
                yield kind.equals("And") ? new And(List.copyOf(parts)) : new Or(List.copyOf(parts));
            }
            case "Not" -> new Not(parse(value));
            case "Dimensions" ->
                new DimensionIs(
                        CostDimension.parse(value.path("Key").asText(""), "Filter"), Match.parse(value, "Dimensions"));
            case "Tags" -> {
                String key = value.path("Key").asText("");
                if (key.isEmpty()) {
                    throw AwsJsonError.validation("Tags expression needs a Key");
                }
                yield new TagIs(key, Match.parse(value, "Tags"));
            }
            case "CostCategories" -> throw AwsJsonError.validation("cost categories are not supported by the emulator");
            default -> throw AwsJsonError.validation("Expression member " + kind + " is invalid");
        };
    }
}
