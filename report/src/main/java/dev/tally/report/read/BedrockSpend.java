package dev.tally.report.read;

/**
 * What counts as Bedrock spend (design.md): product codes starting with {@code AmazonBedrock}, plus AWS
 * Marketplace rows whose product name contains "Bedrock" or whose usage type is a Marketplace token count;
 * in FOCUS, rows whose {@code ServiceName} contains "Bedrock". Every line item type counts.
 */
final class BedrockSpend {
    private BedrockSpend() {}

    static String cur(SqlDialect sql, String productCode, String billingEntity, String productName, String usageType) {
        return "(coalesce(" + sql.startsWith(productCode, "AmazonBedrock") + ", false) OR (coalesce(" + billingEntity
                + " = 'AWS Marketplace', false) AND (coalesce(" + sql.contains(productName, "Bedrock")
                + ", false) OR coalesce("
                + usageType + " ILIKE '%MP:%TokenCount%', false))))";
    }

    static String focus(SqlDialect sql, String serviceName) {
        return "coalesce(" + sql.contains(serviceName, "Bedrock") + ", false)";
    }
}
