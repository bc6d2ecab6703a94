package dev.tally.report.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FOCUS 1.x: {@code BilledCost}/{@code EffectiveCost}, {@code ChargePeriodStart}, {@code ServiceName}, and
 * {@code Tags} as a JSON object (CSV) or map (Parquet). AWS's FOCUS export has no IAM principal column; its
 * AWS extensions {@code x_UsageType} and {@code x_Operation} are used when present.
 */
final class FocusReader extends SourceReader {
    @Override
    void project(Columns c, ReadPlan plan, Map<String, String> e) {
        String service = c.required("ServiceName", "needed to tell Bedrock spend");
        SqlDialect sql = c.sql();
        e.put("usage_start", sql.timestamp(c.required("ChargePeriodStart", "needed for dates")));
        e.put("account_id", c.optional("SubAccountId"));
        e.put("service", service);
        e.put("billing_entity", "NULL");
        e.put("region", c.optional("RegionId"));
        e.put("usage_type", c.optional("x_UsageType"));
        e.put("operation", c.optional("x_Operation"));
        e.put("line_item_type", c.optional("ChargeCategory"));
        e.put("principal_arn", "NULL");
        e.put("marketplace_product", "NULL");
        e.put("unit", c.optional("ConsumedUnit"));
        e.putAll(c.usageAmount("ConsumedQuantity"));
        e.putAll(c.cost(plan.costBasis() == CostBasis.NET ? "EffectiveCost" : "BilledCost", plan.costBasis()));
        e.put("currency", c.has("BillingCurrency") ? c.optional("BillingCurrency") : "'USD'");
        e.put("line_item_id", "NULL");
        e.put("time_interval", "NULL");
        e.put("is_bedrock", BedrockSpend.focus(sql, service));
    }

    @Override
    String tag(Columns c, TagLookup tag) {
        if (!c.has("Tags")) {
            return "NULL";
        }
        // One map holds both: principal tags under their iamPrincipal/ prefix, resource tags bare.
        String tags = c.map("Tags");
        List<MapLookup.Candidate> candidates =
                new ArrayList<>(MapLookup.candidates(c.sql(), tags, "iamPrincipal/", tag.key(), c.mapKeys("Tags")));
        if (!tag.principalOnly()) {
            candidates.addAll(MapLookup.candidates(c.sql(), tags, "", tag.key(), c.mapKeys("Tags")));
        }
        return MapLookup.firstNonEmpty(candidates);
    }

    @Override
    List<String> nullStrings() {
        return List.of("", "NULL");
    }
}
