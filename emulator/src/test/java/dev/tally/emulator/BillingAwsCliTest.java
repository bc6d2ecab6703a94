package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.emulator.clock.ClockSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI (botocore: its own JSON 1.1 client, SigV4 signer and paginator) as an independent consumer
 * of the emulator's Cost Explorer and Data Exports.
 */
class BillingAwsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.builder()
                .curOut(dir.resolve("cur"))
                .costExplorerPageSize(1)
                .clock(ClockSpec.parse("start=2026-11-01T00:00:00Z,speed=1"))
                .build());
        var alice = BillingApis.session(emulator.endpoint(), "alice", "alpha");
        BillingApis.invoke(emulator.endpoint(), alice, BillingApis.DAYS.get(0), "cli question");
        BillingApis.invoke(emulator.endpoint(), Aws.DEVELOPER, BillingApis.DAYS.get(2), "untagged cli question");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void ceCommands_activateTheTag_thenGetCostAndUsage_pagesThroughEveryGroup() throws Exception {
        String aws = findAws();
        assumeTrue(aws != null, "aws CLI is not installed");
        JsonNode tags = run(aws, "ce", "list-cost-allocation-tags");
        assertThat(tags.at("/CostAllocationTags/0/TagKey").asText()).isEqualTo("iamPrincipal/Project");
        JsonNode update = run(
                aws,
                "ce",
                "update-cost-allocation-tags-status",
                "--cost-allocation-tags-status",
                "TagKey=iamPrincipal/Project,Status=Active",
                "TagKey=Nope,Status=Active");
        assertThat(update.at("/Errors/0/TagKey").asText()).isEqualTo("Nope");
        // The CLI does not page get-cost-and-usage by itself; the page size of 1 forces a token per group.
        Map<String, BigDecimal> byGroup = new HashMap<>();
        String token = null;
        int pages = 0;
        do {
            List<String> args = new ArrayList<>(List.of(
                    "ce",
                    "get-cost-and-usage",
                    "--time-period",
                    "Start=2026-11-01,End=2026-11-08",
                    "--granularity",
                    "MONTHLY",
                    "--metrics",
                    "UnblendedCost",
                    "--group-by",
                    "Type=TAG,Key=iamPrincipal/Project"));
            if (token != null) {
                args.addAll(List.of("--next-page-token", token));
            }
            JsonNode page = run(aws, args.toArray(String[]::new));
            for (JsonNode r : page.get("ResultsByTime")) {
                for (JsonNode g : r.get("Groups")) {
                    byGroup.merge(
                            g.at("/Keys/0").asText(),
                            new BigDecimal(g.at("/Metrics/UnblendedCost/Amount").asText()),
                            BigDecimal::add);
                }
            }
            token = page.path("NextPageToken").asText(null);
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(2);
        emulator.flush();
        Map<String, BigDecimal> cur =
                BillingApis.curCostByProject(emulator.exportRoot().orElseThrow(), "2026-11-01", "2026-11-08");
        assertThat(byGroup).containsOnlyKeys("iamPrincipal/Project$alpha", "iamPrincipal/Project$");
        assertThat(byGroup.get("iamPrincipal/Project$alpha").setScale(12, RoundingMode.HALF_EVEN))
                .isEqualByComparingTo(cur.get("alpha"));
        assertThat(byGroup.get("iamPrincipal/Project$").setScale(12, RoundingMode.HALF_EVEN))
                .isEqualByComparingTo(cur.get(""));
    }

    @Test
    void bcmDataExports_createThenList() throws Exception {
        String aws = findAws();
        assumeTrue(aws != null, "aws CLI is not installed");
        Path input = dir.resolve("export.json");
        Files.writeString(input, """
                {"Export": {"Name": "cli-export",
                  "DataQuery": {"QueryStatement": "SELECT line_item_iam_principal, line_item_unblended_cost FROM COST_AND_USAGE_REPORT",
                                "TableConfigurations": {"COST_AND_USAGE_REPORT": {"INCLUDE_IAM_PRINCIPAL_DATA": "TRUE", "TIME_GRANULARITY": "DAILY"}}},
                  "DestinationConfigurations": {"S3Destination": {"S3Bucket": "billing", "S3Prefix": "cur2", "S3Region": "us-east-1",
                    "S3OutputConfigurations": {"OutputType": "CUSTOM", "Format": "TEXT_OR_CSV", "Compression": "GZIP", "Overwrite": "OVERWRITE_REPORT"}}},
                  "RefreshCadence": {"Frequency": "SYNCHRONOUS"}}}""");
        JsonNode created = run(aws, "bcm-data-exports", "create-export", "--cli-input-json", "file://" + input);
        assertThat(created.get("ExportArn").asText()).contains(":export/cli-export-");
        JsonNode listed = run(aws, "bcm-data-exports", "list-exports");
        assertThat(listed.at("/Exports/0/ExportName").asText()).isEqualTo("cli-export");
        assertThat(listed.at("/Exports/0/ExportStatus/StatusCode").asText()).isEqualTo("HEALTHY");
    }

    private static JsonNode run(String aws, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                aws, "--endpoint-url", emulator.endpoint().toString(), "--region", "us-east-1", "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().put("AWS_ACCESS_KEY_ID", IamUser.DEFAULT.accessKeyId());
        pb.environment().put("AWS_SECRET_ACCESS_KEY", IamUser.DEFAULT.secretAccessKey());
        pb.environment().put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        pb.environment()
                .put(
                        "AWS_SHARED_CREDENTIALS_FILE",
                        dir.resolve("no-credentials").toString());
        pb.environment().remove("AWS_PROFILE");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return JSON.readTree(out);
    }

    private static String findAws() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(d, "aws");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
