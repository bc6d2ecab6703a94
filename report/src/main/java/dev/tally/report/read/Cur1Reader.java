package dev.tally.report.read;

import java.util.List;
import java.util.Map;

/**
 * Legacy CUR 1.0: CSV headers {@code lineItem/UsageType}, tags as {@code resourceTags/user:team} columns; or
 * its Athena-style Parquet ({@code line_item_usage_type}, {@code resource_tags_user_team}).
 */
final class Cur1Reader extends SourceReader {
    @Override
    void project(Columns c, ReadPlan plan, Map<String, String> e) {
        boolean csv = c.has("lineItem/UsageType");
        SqlDialect sql = c.sql();
        String productCode =
                c.required(csv ? "lineItem/ProductCode" : "line_item_product_code", "needed to tell Bedrock spend");
        String usageType =
                c.required(csv ? "lineItem/UsageType" : "line_item_usage_type", "needed for model and token type");
        String billingEntity = c.optional(csv ? "bill/BillingEntity" : "bill_billing_entity");
        String productName = c.optional(csv ? "product/ProductName" : "product_product_name");
        String regionCode = c.optional(csv ? "product/regionCode" : "product_region_code");
        String region = regionCode.equals("NULL") ? c.optional(csv ? "product/region" : "product_region") : regionCode;
        e.put(
                "usage_start",
                sql.timestamp(c.required(
                        csv ? "lineItem/UsageStartDate" : "line_item_usage_start_date", "needed for dates")));
        e.put("account_id", c.optional(csv ? "lineItem/UsageAccountId" : "line_item_usage_account_id"));
        e.put("service", productCode);
        e.put("billing_entity", billingEntity);
        e.put("region", region);
        e.put("usage_type", usageType);
        e.put("operation", c.optional(csv ? "lineItem/Operation" : "line_item_operation"));
        e.put("line_item_type", c.optional(csv ? "lineItem/LineItemType" : "line_item_line_item_type"));
        e.put("principal_arn", c.optional(csv ? "lineItem/IamPrincipal" : "line_item_iam_principal"));
        e.put("marketplace_product", marketplaceOnly(billingEntity, productName));
        e.put("unit", c.optional(csv ? "pricing/unit" : "pricing_unit"));
        e.putAll(c.usageAmount(csv ? "lineItem/UsageAmount" : "line_item_usage_amount"));
        String costColumn = plan.costBasis() == CostBasis.NET
                ? (csv ? "lineItem/NetUnblendedCost" : "line_item_net_unblended_cost")
                : (csv ? "lineItem/UnblendedCost" : "line_item_unblended_cost");
        e.putAll(c.cost(costColumn, plan.costBasis()));
        String currency = csv ? "lineItem/CurrencyCode" : "line_item_currency_code";
        e.put("currency", c.has(currency) ? c.optional(currency) : "'USD'");
        e.put("line_item_id", c.optional(csv ? "identity/LineItemId" : "identity_line_item_id"));
        e.put("time_interval", c.optional(csv ? "identity/TimeInterval" : "identity_time_interval"));
        e.put("is_bedrock", BedrockSpend.cur(sql, productCode, billingEntity, productName, usageType));
    }

    @Override
    String tag(Columns c, TagLookup tag) {
        if (tag.principalOnly()) {
            return "NULL"; // legacy CUR carries no principal tags
        }
        // Tag columns are matched at plan time, case-insensitively and trimmed, so rows need no map lookups.
        List<String> columns = tagColumns(c, "resourceTags/user:", tag.key());
        columns = columns.isEmpty() ? tagColumns(c, "resource_tags_user_", tag.key()) : columns;
        return MapLookup.firstNonEmpty(columns.stream()
                .map(col -> MapLookup.Candidate.of(c.sql().identifier(col)))
                .toList());
    }

    private static List<String> tagColumns(Columns c, String prefix, String key) {
        return c.startingWith(prefix).stream()
                .filter(col ->
                        MapLookup.normalize(col.substring(prefix.length())).equals(key))
                .toList();
    }
}
