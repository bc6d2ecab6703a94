package dev.tally.cur.sample;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A kind of line item the sample draws rows from: everything about a row except who, when and how much.
 * The generator's SQL turns a drawn template, a drawn principal and drawn numbers into one CUR 2.0 row.
 *
 * @param operation the line item operation, or empty to draw one of Bedrock's invoke operations per row
 * @param lo the smallest amount drawn (tokens, units or currency, by {@code amount}); amounts are log-uniform
 * @param hi the largest amount drawn
 * @param tokensPerUnit tokens in one pricing unit (1,000 or 1,000,000) for token rows, else 1
 * @param rate the price of one pricing unit, for usage rows
 * @param resourceTagPercent the share of rows, in percent, whose resource carries {@code user_team} and {@code user_project}
 */
record LineTemplate(
        int id,
        Category category,
        String billingEntity,
        String lineItemType,
        String productCode,
        String productName,
        Optional<String> region,
        Optional<String> usageType,
        Optional<String> operation,
        Optional<String> pricingUnit,
        Amount amount,
        double lo,
        double hi,
        long tokensPerUnit,
        Optional<BigDecimal> rate,
        boolean discountable,
        String description,
        Resource resource,
        String resourceName,
        int resourceTagPercent,
        double weight) {

    /** What a row of this template is, for choosing proportions and for coverage. */
    enum Category {
        TOKENS,
        PROVISIONED,
        MARKETPLACE,
        EC2,
        S3,
        TAX,
        CREDIT
    }

    /** How a row's amount is drawn and what it means. */
    enum Amount {
        /** A whole number of tokens, written in the pricing unit. */
        TOKENS,
        /** A whole number of hours or units. */
        COUNT,
        /** A measure such as GB-months. */
        MEASURE,
        /** No usage: the amount is the charge itself (tax, credit). */
        CHARGE
    }

    /** What {@code line_item_resource_id} holds. */
    enum Resource {
        NONE,
        FOUNDATION_MODEL,
        PROVISIONED_MODEL,
        INSTANCE,
        BUCKET
    }

    LineTemplate {
        requireNonNull(category, "category is null");
        requireNonNull(billingEntity, "billingEntity is null");
        requireNonNull(lineItemType, "lineItemType is null");
        requireNonNull(productCode, "productCode is null");
        requireNonNull(productName, "productName is null");
        requireNonNull(region, "region is null");
        requireNonNull(usageType, "usageType is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(pricingUnit, "pricingUnit is null");
        requireNonNull(amount, "amount is null");
        requireNonNull(rate, "rate is null");
        requireNonNull(description, "description is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(resourceName, "resourceName is null");
        if (!(lo > 0 && hi >= lo)) {
            throw new IllegalArgumentException("template " + id + ": amounts must satisfy 0 < lo <= hi");
        }
        if (!(weight > 0)) {
            throw new IllegalArgumentException("template " + id + ": weight must be positive");
        }
        if (amount != Amount.CHARGE && rate.isEmpty()) {
            throw new IllegalArgumentException("template " + id + ": a usage row needs a rate");
        }
    }

    /** Whether a principal signed the calls behind the row ({@code line_item_iam_principal} is set). */
    boolean signed() {
        return category == Category.TOKENS || category == Category.PROVISIONED || category == Category.MARKETPLACE;
    }

    /** Tax and credits are monthly lines; usage is hourly. */
    boolean monthly() {
        return category == Category.TAX || category == Category.CREDIT;
    }

    /** The rate after the private rate discount of an account that has one. */
    Optional<BigDecimal> discountedRate() {
        return rate.map(
                r -> discountable ? r.multiply(BigDecimal.ONE.subtract(SampleAccount.PRIVATE_RATE_DISCOUNT)) : r);
    }
}
