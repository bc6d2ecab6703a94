package dev.tally.report;

import static dev.tally.report.Reports.costs;
import static dev.tally.report.Reports.request;
import static dev.tally.report.Reports.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a CUR 2.0 export's {@code product} map says where its flat columns are empty or opaque. */
class ProductMapTest {
    private static final String HEADER = "line_item_usage_start_date,bill_billing_entity,line_item_product_code,"
            + "line_item_usage_type,product_region_code,product,line_item_unblended_cost\n";

    @TempDir
    Path dir;

    @Test
    void byRegion_readsTheProductMapsRegion_beforeTheUsageTypePrefix() throws Exception {
        Path cur = write(
                row("AWS", "AmazonEC2", "USE1-BoxUsage", "us-east-1", "{}", "1.00"),
                // Data transfer: no region code, the product map names it, the usage type's prefix says otherwise.
                row("AWS", "AWSDataTransfer", "USE2-DataTransfer-Out-Bytes", "", "{\"region\":\"eu-west-1\"}", "2.00"),
                row("AWS", "AmazonRoute53", "Global-Queries", "", "{\"region\":\"global\"}", "4.00"),
                // Neither: the usage type's prefix is all there is.
                row("AWS", "AmazonS3", "USW2-Requests-Tier1", "", "{}", "8.00"));
        Map<String, BigDecimal> costs = costs(run(request(cur, "region").withAllServices()));
        assertThat(costs)
                .containsOnly(
                        Map.entry("us-east-1", new BigDecimal("1")),
                        Map.entry("eu-west-1", new BigDecimal("2")),
                        Map.entry("global", new BigDecimal("4")),
                        Map.entry("us-west-2", new BigDecimal("8")));
    }

    @Test
    void byService_namesMarketplaceProducts_andKeepsOtherCodes() throws Exception {
        Path cur = write(
                row("AWS", "AmazonBedrock", "USE1-Claude4.6Sonnet-input-tokens", "us-east-1", "{}", "1.00"),
                row(
                        "AWS Marketplace",
                        "a1b2c3d4e5f6g7h8i9j0k1l2m",
                        "USE1-MP:USE1_InputTokenCount-Units",
                        "us-east-1",
                        "{\"product_name\":\"Acme Model (Amazon Bedrock Edition)\"}",
                        "2.00"));
        Map<String, BigDecimal> costs = costs(run(request(cur, "service").withAllServices()));
        assertThat(costs)
                .containsOnly(
                        Map.entry("AmazonBedrock", new BigDecimal("1")),
                        Map.entry("Acme Model (Amazon Bedrock Edition)", new BigDecimal("2")));
    }

    private Path write(String... rows) throws Exception {
        Path file = dir.resolve("cur.csv");
        Files.writeString(file, HEADER + String.join("", rows));
        return file;
    }

    private static String row(
            String entity, String product, String usageType, String regionCode, String productMap, String cost) {
        return String.join(
                        ",",
                        "2026-11-02T10:00:00Z",
                        entity,
                        product,
                        usageType,
                        regionCode,
                        "\"" + productMap.replace("\"", "\"\"") + "\"",
                        cost)
                + "\n";
    }
}
