package dev.tally.report.query;

import dev.tally.core.error.TallyException;
import dev.tally.core.principal.Principal;
import dev.tally.core.usage.TokenUnit;
import dev.tally.core.usage.UsageType;
import dev.tally.report.read.TagLookup;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one place that maps the normalized cost row to dimension values (design.md, "Semantics"): missing,
 * null or empty tags are {@code (untagged)}, any other missing value is {@code (none)}.
 */
final class DimensionValues {

    /** The principal's User tag, the first choice of the user dimension. */
    static final TagLookup USER_TAG = TagLookup.principal("user");
    /** {@code tag:project}, which the default grouping looks for. */
    static final TagLookup PROJECT_TAG = TagLookup.tag("project");

    private final List<TagLookup> tags;
    private final Consumer<String> warn;
    private final Map<String, Principal> principals = new HashMap<>();
    private final Map<String, UsageType> usageTypes = new HashMap<>();

    /** @param tags the planned tag lookups, in the order of the raw rows' tag columns */
    DimensionValues(List<TagLookup> tags, Consumer<String> warn) {
        this.tags = List.copyOf(tags);
        this.warn = warn;
    }

    /**
     * One dimension's value of each raw row, with what can be resolved once (a tag's column) resolved here: a report
     * reads thousands of raw rows in a JVM that has barely started, so per-row lookups show in its wall time.
     */
    Function<RawGroup, String> reader(Dimension dimension) {
        return switch (dimension.kind()) {
            case PRINCIPAL -> row -> orNone(row.principalArn());
            case ROLE -> row -> orNone(principal(row).roleName());
            case SESSION -> row -> orNone(principal(row).sessionName());
            case USER -> {
                int index = indexOf(USER_TAG);
                yield row ->
                        tagAt(row, index).orElseGet(() -> orNone(principal(row).user()));
            }
            case ACCOUNT -> row -> orNone(row.accountId());
            case MODEL -> row -> orNone(model(row));
            case REGION ->
                row -> orNone(isBlank(row.region()) ? usageType(row).region() : Optional.ofNullable(row.region()));
            case TOKEN_TYPE -> row -> usageType(row).tokenType().label();
            case PRICING_MODEL -> row -> usageType(row).pricingModel().label();
            case USAGE_TYPE -> row -> orNone(row.usageType());
            case OPERATION -> row -> orNone(row.operation());
            case SERVICE -> row -> orNone(row.service());
            case DAY ->
                row -> row.usageDay() == null ? Group.NONE : row.usageDay().toString();
            case WEEK ->
                row -> row.usageDay() == null
                        ? Group.NONE
                        : row.usageDay()
                                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                                .toString();
            case MONTH ->
                row -> row.usageDay() == null
                        ? Group.NONE
                        : row.usageDay().toString().substring(0, 7);
            case SOURCE -> RawGroup::source;
            case TAG -> {
                int index = indexOf(TagLookup.tag(dimension.matchKey().orElseThrow()));
                yield row -> tagAt(row, index).orElse(Group.UNTAGGED);
            }
        };
    }

    /** The row's usage in tokens, or empty when its unit is not tokens (model units, hours, tax). */
    Optional<BigDecimal> tokens(RawGroup row) {
        BigDecimal usage = row.usage();
        if (usage == null) {
            return Optional.empty();
        }
        return TokenUnit.tokensPerUnit(row.unit(), usageType(row)).map(usage::multiply);
    }

    Optional<String> tag(RawGroup row, TagLookup tag) {
        return tagAt(row, indexOf(tag));
    }

    private int indexOf(TagLookup tag) {
        int index = tags.indexOf(tag);
        if (index < 0) {
            throw new IllegalStateException(tag + " was not planned");
        }
        return index;
    }

    private static Optional<String> tagAt(RawGroup row, int index) {
        String value = row.tags().get(index);
        // Empty, not blank: the SQL that picked this value among a key's spellings skipped only empty ones, and
        // values compare exactly (design.md), so a value of spaces is a value on every path.
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private Optional<String> model(RawGroup row) {
        UsageType type = usageType(row);
        if (type.model().isPresent()) {
            return type.model();
        }
        return isBlank(row.marketplaceProduct()) ? Optional.empty() : Optional.ofNullable(row.marketplaceProduct());
    }

    private Principal principal(RawGroup row) {
        String arn = row.principalArn();
        if (arn == null || arn.isBlank()) {
            return Principal.NONE;
        }
        return principals.computeIfAbsent(arn, a -> {
            try {
                return Principal.parse(a);
            } catch (TallyException e) {
                warn.accept("line_item_iam_principal '" + a
                        + "' is not an IAM principal ARN; its role, session and user are (none)");
                return Principal.NONE;
            }
        });
    }

    private UsageType usageType(RawGroup row) {
        String text = row.usageType() == null ? "" : row.usageType();
        return usageTypes.computeIfAbsent(text, UsageType::parse);
    }

    private static String orNone(@Nullable String value) {
        return value == null || value.isBlank() ? Group.NONE : value;
    }

    private static String orNone(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).orElse(Group.NONE);
    }

    private static boolean isBlank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
