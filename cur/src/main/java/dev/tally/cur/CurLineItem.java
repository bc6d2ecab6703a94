package dev.tally.cur;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One CUR 2.0 line item, holding the columns Tally writes; {@link Cur2Writer} fills every other column of
 * the schema with null (or an empty map).
 *
 * @param tags the CUR 2.0 {@code tags} map: IAM principal tags as {@code iamPrincipal/<key>}
 * @param resourceTags the {@code resource_tags} map: user tags as {@code user_<key>}
 */
public record CurLineItem(
        String lineItemId,
        Instant usageStart,
        Instant usageEnd,
        String payerAccountId,
        String usageAccountId,
        String billingEntity,
        String lineItemType,
        String productCode,
        String productName,
        String usageType,
        String operation,
        String regionCode,
        String resourceId,
        String iamPrincipal,
        double usageAmount,
        String pricingUnit,
        String unblendedRate,
        BigDecimal unblendedCost,
        BigDecimal netUnblendedCost,
        String currency,
        String description,
        Map<String, String> tags,
        Map<String, String> resourceTags) {

    public CurLineItem {
        requireNonNull(lineItemId, "lineItemId is null");
        requireNonNull(usageStart, "usageStart is null");
        requireNonNull(usageEnd, "usageEnd is null");
        requireNonNull(payerAccountId, "payerAccountId is null");
        requireNonNull(usageAccountId, "usageAccountId is null");
        requireNonNull(billingEntity, "billingEntity is null");
        requireNonNull(lineItemType, "lineItemType is null");
        requireNonNull(productCode, "productCode is null");
        requireNonNull(productName, "productName is null");
        requireNonNull(usageType, "usageType is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(regionCode, "regionCode is null");
        requireNonNull(resourceId, "resourceId is null");
        requireNonNull(iamPrincipal, "iamPrincipal is null");
        requireNonNull(pricingUnit, "pricingUnit is null");
        requireNonNull(unblendedRate, "unblendedRate is null");
        requireNonNull(unblendedCost, "unblendedCost is null");
        requireNonNull(netUnblendedCost, "netUnblendedCost is null");
        requireNonNull(currency, "currency is null");
        requireNonNull(description, "description is null");
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
        resourceTags = Map.copyOf(requireNonNull(resourceTags, "resourceTags is null"));
        if (!usageEnd.isAfter(usageStart)) {
            throw new IllegalArgumentException("line item " + lineItemId + " ends before it starts");
        }
    }
}
