package dev.tally.account.ce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cur.CurLineItem;
import dev.tally.emulator.IamUser;
import dev.tally.emulator.auth.AwsJsonAuth;
import dev.tally.emulator.auth.CredentialStore;
import dev.tally.emulator.auth.SigV4Verifier;
import dev.tally.emulator.costexplorer.CostExplorerService;
import dev.tally.emulator.http.LoopbackServer;
import dev.tally.emulator.inspect.CallLog;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Group;
import dev.tally.report.query.Report;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;

/**
 * Marketplace-billed Bedrock models are SERVICE values of their own. The emulator bills none, so this test
 * serves the emulator's Cost Explorer over a hand-written bill (first-party Bedrock, a Marketplace Bedrock
 * model, and EC2 that must not count) and checks the report finds both Bedrock services.
 */
class CostExplorerReportTest {
    private static final String MARKETPLACE = "Claude 3.5 Sonnet (Amazon Bedrock Edition)";
    private static LoopbackServer server;
    private static CostExplorerClient ce;

    @BeforeAll
    static void start() {
        List<CurLineItem> bill = List.of(
                item("1", "AmazonBedrock", "Amazon Bedrock", "AWS", "USE1-Claude4.6Sonnet-input-tokens", "0.003"),
                item("2", "prod-abc123", MARKETPLACE, "AWS Marketplace", "USW2-MP:USW2_InputTokenCount-Units", "0.25"),
                item(
                        "3",
                        "AmazonEC2",
                        "Amazon Elastic Compute Cloud - Compute",
                        "AWS",
                        "USE1-BoxUsage:t3.micro",
                        "7.5"));
        SigV4Verifier verifier =
                new SigV4Verifier(new CredentialStore("123456789012", List.of(IamUser.DEFAULT), List.of()));
        CostExplorerService service = new CostExplorerService(
                new AwsJsonAuth(verifier), () -> bill, () -> Instant.parse("2026-11-20T00:00:00Z"), 1, new CallLog());
        server = new LoopbackServer(0, service::handle, (method, path, bug) -> bug.printStackTrace());
        server.start();
        ce = CostExplorerClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(IamUser.DEFAULT.accessKeyId(), IamUser.DEFAULT.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        ce.close();
        server.close();
    }

    @Test
    void bedrockServices_includeMarketplaceEditions_acrossPages() {
        assertThat(new CostExplorerReport(ce).bedrockServices(query("service")))
                .containsExactly("Amazon Bedrock", MARKETPLACE);
    }

    @Test
    void run_byService_countsMarketplaceBedrock_andNotEc2() {
        Report report = new CostExplorerReport(ce).run(query("service"));
        var usd = report.currencies().getFirst();
        assertThat(usd.currency()).isEqualTo("USD");
        assertThat(usd.groups())
                .extracting(Group::keys)
                .containsExactly(List.of(MARKETPLACE), List.of("Amazon Bedrock"));
        assertThat(usd.total()).isEqualByComparingTo(new BigDecimal("0.003").add(new BigDecimal("0.25")));
    }

    @Test
    void run_withoutProjectTag_defaultsToService() {
        Report report = new CostExplorerReport(ce)
                .run(new CostExplorerQuery(
                        List.of(), LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-08"), Optional.empty()));
        assertThat(report.defaultDimensions()).isTrue();
        assertThat(report.dimensions()).containsExactly(Dimension.parse("service"));
    }

    private static CostExplorerQuery query(String by) {
        return new CostExplorerQuery(
                List.of(Dimension.parse(by)),
                LocalDate.parse("2026-11-01"),
                LocalDate.parse("2026-11-08"),
                Optional.empty());
    }

    private static CurLineItem item(
            String id, String productCode, String productName, String entity, String usageType, String cost) {
        Instant start = Instant.parse("2026-11-03T10:00:00Z");
        return new CurLineItem(
                id,
                start,
                start.plusSeconds(3600),
                "123456789012",
                "123456789012",
                entity,
                "Usage",
                productCode,
                productName,
                usageType,
                "InvokeModelInference",
                "us-east-1",
                "",
                "arn:aws:iam::123456789012:user/developer",
                1.0,
                "Units",
                "0",
                new BigDecimal(cost),
                new BigDecimal(cost),
                "USD",
                "",
                Map.of(),
                Map.of());
    }
}
