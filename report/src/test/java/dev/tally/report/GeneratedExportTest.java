package dev.tally.report;

import static dev.tally.report.Reports.json;
import static dev.tally.report.Reports.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.cur.sample.SampleCur;
import dev.tally.cur.sample.SampleCurConfig;
import dev.tally.report.query.Report;
import dev.tally.report.query.ReportRequest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated CUR 2.0 export in Parquet, CSV and CSV.gz gives identical JSON reports, and their totals equal
 * sums this test computes by plain CSV parsing, applying design.md's Bedrock rule itself.
 */
class GeneratedExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() {
        SampleCur sample = SampleCur.withBuiltInPrices();
        for (String name : List.of("cur.parquet", "cur.csv", "cur.csv.gz")) {
            sample.generate(SampleCurConfig.of(30_000, 11, dir.resolve(name)));
        }
    }

    @Test
    void threeFormats_giveIdenticalJson() throws Exception {
        for (String[] by : List.of(
                new String[] {"tag:project", "model"},
                new String[] {"principal", "token-type"},
                new String[] {"user", "week"},
                new String[] {"tag:team", "pricing-model", "region"})) {
            String parquet = json(run(Reports.request(dir.resolve("cur.parquet"), by)));
            assertThat(json(run(Reports.request(dir.resolve("cur.csv"), by)))).isEqualTo(parquet);
            assertThat(json(run(Reports.request(dir.resolve("cur.csv.gz"), by))))
                    .isEqualTo(parquet);
        }
    }

    @Test
    void bedrockTotalsByService_equalPlainSums() throws Exception {
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (Map<String, String> row : PlainCsv.read(dir.resolve("cur.csv"))) {
            String code = row.get("line_item_product_code");
            boolean marketplace = "AWS Marketplace".equals(row.get("bill_billing_entity"))
                    && (productName(row).contains("Bedrock")
                            || row.get("line_item_usage_type").matches(".*MP:.*TokenCount.*"));
            if (code.startsWith("AmazonBedrock") || marketplace) {
                // A Marketplace product by its name: its code is opaque.
                String service = "AWS Marketplace".equals(row.get("bill_billing_entity")) ? productName(row) : code;
                expected.merge(service, new BigDecimal(row.get("line_item_unblended_cost")), BigDecimal::add);
            }
        }
        Report report = run(Reports.request(dir.resolve("cur.parquet"), "service"));
        Map<String, BigDecimal> actual = Reports.costs(report);
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((code, sum) -> assertThat(actual.get(code)).as(code).isEqualByComparingTo(sum));
        assertThat(expected.keySet()).anyMatch(code -> !code.startsWith("AmazonBedrock"));
    }

    @Test
    void allServicesTotal_equalsThePlainSumOfEveryRow() throws Exception {
        BigDecimal expected = BigDecimal.ZERO;
        for (Map<String, String> row : PlainCsv.read(dir.resolve("cur.csv"))) {
            expected = expected.add(new BigDecimal(row.get("line_item_unblended_cost")));
        }
        ReportRequest r = Reports.request(dir.resolve("cur.csv.gz"), "service");
        Report report = run(r.withAllServices());
        assertThat(Reports.total(report)).isEqualByComparingTo(expected);
    }

    private static String productName(Map<String, String> row) throws Exception {
        String product = row.get("product");
        if (product == null || product.isEmpty()) {
            return "";
        }
        JsonNode name = JSON.readTree(product).get("product_name");
        return name == null ? "" : name.asText();
    }
}
