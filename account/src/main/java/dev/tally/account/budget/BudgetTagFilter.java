package dev.tally.account.budget;

import static java.util.Objects.requireNonNull;

import dev.tally.account.iam.RoleTag;
import dev.tally.core.error.TallyException;

/**
 * The one tag a Tally budget tracks, as AWS Budgets' cost filter {@code TagKeyValue}: {@code user:KEY$VALUE}.
 *
 * <p>{@code user:} is the prefix Budgets and Cost Explorer give user-defined cost allocation tags (AWS's own
 * generated tags use {@code aws:}). Principal and session tags are activated on the same Cost allocation tags
 * page as user-defined tags, so Tally uses {@code user:} for them too. Whether Budgets filters Bedrock spend
 * by IAM principal tags this way is not confirmed by AWS documentation (docs/account.md): if
 * {@code tally tags status} lists the key differently (for example {@code iamPrincipal/Project}), pass that
 * key as written there.
 */
public record BudgetTagFilter(String key, String value) {
    public static final String FILTER = "TagKeyValue";
    public static final String PREFIX = "user:";

    public BudgetTagFilter {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        new RoleTag(key, value);
        if (key.contains("$") || value.contains("$")) {
            // Cannot happen with IAM's tag characters; '$' separates key and value in the filter.
            throw TallyException.usage("tag '" + key + "=" + value + "' contains '$'");
        }
    }

    /** {@code KEY=VALUE}. */
    public static BudgetTagFilter parse(String text) {
        RoleTag tag = RoleTag.parse(text);
        if (tag.value().isEmpty()) {
            throw TallyException.usage(
                    "tag '" + text + "' has an empty value (expected KEY=VALUE, e.g. Project=checkout)");
        }
        return new BudgetTagFilter(tag.key(), tag.value());
    }

    /** The filter value Budgets stores: {@code user:Project$checkout}. */
    public String filterValue() {
        return PREFIX + key + "$" + value;
    }
}
