package dev.tally.emulator;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bcmdataexports.BcmDataExportsClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Unmodified SDK clients for the billing APIs, and the tagged usage their tests bill: calls placed on
 * chosen days with the emulator's time header, and the CUR 2.0 export summed with plain DuckDB SQL.
 */
final class BillingApis {
    private BillingApis() {}

    static CostExplorerClient costExplorer(URI endpoint) {
        return CostExplorerClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(Aws.DEVELOPER))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    static BcmDataExportsClient dataExports(URI endpoint) {
        return BcmDataExportsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(Aws.DEVELOPER))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /** A role session tagged Project=project. */
    static AwsCredentials session(URI endpoint, String name, String project) {
        try (StsClient sts = Aws.sts(endpoint, Aws.DEVELOPER)) {
            return Aws.session(sts.assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/tally-dev")
                            .roleSessionName(name)
                            .tags(Tag.builder().key("Project").value(project).build()))
                    .credentials());
        }
    }

    /** One InvokeModel call billed at {@code instant} (ISO). */
    static void invoke(URI endpoint, AwsCredentials credentials, String instant, String prompt) {
        try (BedrockRuntimeClient bedrock = Aws.bedrock(endpoint, credentials)) {
            bedrock.invokeModel(r -> r.modelId("us.anthropic.claude-sonnet-4-6")
                    .contentType("application/json")
                    .body(SdkBytes.fromUtf8String("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":100,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}"))
                    .overrideConfiguration(o -> o.putHeader("X-Tally-Emulator-Time", instant)));
        }
    }

    /**
     * Unblended cost per Project tag value ("" when untagged) from the export's Parquet files, by DuckDB
     * alone: costs cast to DECIMAL(38,12) per line item, then summed exactly.
     */
    static Map<String, BigDecimal> curCostByProject(Path exportRoot, String from, String to) throws Exception {
        Map<String, BigDecimal> out = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(tags['iamPrincipal/Project'], '') AS project, "
                        + "sum(CAST(line_item_unblended_cost AS DECIMAL(38,12))) FROM read_parquet('" + exportRoot
                        + "/data/**/*.parquet') "
                        + "WHERE line_item_usage_start_date >= TIMESTAMP '" + from
                        + "' AND line_item_usage_start_date < TIMESTAMP '" + to + "' "
                        + "GROUP BY 1")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getBigDecimal(2));
            }
        }
        return out;
    }

    static final List<String> DAYS =
            List.of("2026-11-02T10:00:00Z", "2026-11-02T11:30:00Z", "2026-11-03T09:15:00Z", "2026-11-05T16:00:00Z");
}
