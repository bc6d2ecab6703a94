package dev.tally.report.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CUR 2.0 (Data Exports): snake_case columns; maps are MAP columns in Parquet and JSON strings in CSV. */
final class Cur2Reader extends SourceReader {
    @Override
    void project(Columns c, ReadPlan plan, Map<String, String> e) {
        String productCode = c.required("line_item_product_code", "needed to tell Bedrock spend");
        String usageType = c.required("line_item_usage_type", "needed for model and token type");
        String billingEntity = c.optional("bill_billing_entity");
        SqlDialect sql = c.sql();
        String productName = c.has("product") ? sql.mapValue(c.map("product"), "product_name") : "NULL";
        e.put("usage_start", sql.timestamp(c.required("line_item_usage_start_date", "needed for dates")));
        e.put("account_id", c.optional("line_item_usage_account_id"));
        e.put("service", productCode);
        e.put("billing_entity", billingEntity);
        // Data transfer and global rows leave product_region_code empty; the product map still names the region.
        e.put(
                "region",
                c.has("product")
                        ? "coalesce(nullif(" + c.optional("product_region_code") + ", ''), "
                                + sql.mapValue(c.map("product"), "region") + ")"
                        : c.optional("product_region_code"));
        e.put("usage_type", usageType);
        e.put("operation", c.optional("line_item_operation"));
        e.put("line_item_type", c.optional("line_item_line_item_type"));
        e.put("principal_arn", c.optional("line_item_iam_principal"));
        e.put("marketplace_product", marketplaceOnly(billingEntity, productName));
        e.put("unit", c.optional("pricing_unit"));
        e.putAll(c.usageAmount("line_item_usage_amount"));
        e.putAll(c.cost(
                plan.costBasis() == CostBasis.NET ? "line_item_net_unblended_cost" : "line_item_unblended_cost",
                plan.costBasis()));
        e.put("currency", c.has("line_item_currency_code") ? c.optional("line_item_currency_code") : "'USD'");
        e.put("line_item_id", c.optional("identity_line_item_id"));
        e.put("time_interval", c.optional("identity_time_interval"));
        e.put("is_bedrock", BedrockSpend.cur(sql, productCode, billingEntity, productName, usageType));
    }

    @Override
    String tag(Columns c, TagLookup tag) {
        List<MapLookup.Candidate> candidates = new ArrayList<>();
        if (c.has("tags")) {
            candidates.addAll(
                    MapLookup.candidates(c.sql(), c.map("tags"), "iamPrincipal/", tag.key(), c.mapKeys("tags")));
        }
        if (!tag.principalOnly() && c.has("resource_tags")) {
            candidates.addAll(MapLookup.candidates(
                    c.sql(), c.map("resource_tags"), "user_", tag.key(), c.mapKeys("resource_tags")));
        }
        return MapLookup.firstNonEmpty(candidates);
    }
}
