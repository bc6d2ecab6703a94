package dev.tally.cli.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.cli.HeadlessChromium;
import dev.tally.cli.TallyRun;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.IamUser;
import dev.tally.emulator.clock.ClockSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * {@code tally tags} and {@code tally ce} end to end against the emulator: Bedrock calls tagged
 * Project=alpha and beta plus an untagged one are billed, the tag is activated, and {@code tally ce}'s
 * totals must equal the emulator's CUR 2.0 export summed with plain DuckDB SQL. Tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Emulator emulator;
    private static TallyProcess tally;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.builder()
                .curOut(dir.resolve("cur"))
                .costExplorerPageSize(2)
                .clock(ClockSpec.parse("start=2026-11-01T00:00:00Z,speed=1"))
                .build());
        tally = new TallyProcess(emulator.endpoint(), dir);
        URI endpoint = emulator.endpoint();
        AwsCredentials developer =
                AwsBasicCredentials.create(IamUser.DEFAULT.accessKeyId(), IamUser.DEFAULT.secretAccessKey());
        AwsCredentials alice = session(endpoint, developer, "alice", "alpha");
        AwsCredentials bob = session(endpoint, developer, "bob", "beta");
        invoke(endpoint, alice, "2026-11-02T10:00:00Z", "alice on monday");
        invoke(endpoint, alice, "2026-11-04T10:00:00Z", "alice on wednesday, with a longer question");
        invoke(endpoint, bob, "2026-11-03T10:00:00Z", "bob");
        invoke(endpoint, developer, "2026-11-03T12:00:00Z", "an untagged call from an IAM user");
        emulator.flush();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    @Order(1)
    void tagsStatus_listsTheBilledKeyInactive() throws Exception {
        TallyRun r = tally.run("tags", "status");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("iamPrincipal/Project\\s+Inactive\\s+UserDefined");
    }

    @Test
    @Order(2)
    void ce_byInactiveTag_warnsAndShowsEverythingUntagged() throws Exception {
        TallyRun r =
                tally.run("ce", "--by", "tag:project", "--from", "2026-11-01", "--to", "2026-11-08", "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("iamPrincipal/Project is inactive")
                .contains("tally tags activate iamPrincipal/Project");
        assertThat(r.out().lines().skip(1).filter(l -> !l.startsWith("TOTAL")))
                .singleElement()
                .asString()
                .startsWith("(untagged),");
    }

    @Test
    @Order(3)
    void tagsActivate_reportsEachKeysErrorAndExitsOne() throws Exception {
        TallyRun r = tally.run("tags", "activate", "iamPrincipal/Project", "project");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("activated iamPrincipal/Project\n");
        assertThat(r.err())
                .contains("tally: tag project: TagKeyNotFound:")
                .contains("(did you mean iamPrincipal/Project?)")
                .contains("up to 48 hours");
        assertThat(tally.run("tags", "status", "iamPrincipal/Project").out())
                .containsPattern("iamPrincipal/Project\\s+Active");
    }

    @Test
    @Order(4)
    void ce_byProject_totalsEqualTheCurExportSummedByDuckDb() throws Exception {
        TallyRun r = tally.run(
                "ce", "--by", "tag:project", "--from", "2026-11-01", "--to", "2026-11-08", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("dimensions").get(0).asText()).isEqualTo("tag:project");
        Map<String, BigDecimal> fromCe = new HashMap<>();
        report.get("groups")
                .forEach(g -> fromCe.put(
                        g.at("/keys/tag:project").asText(),
                        new BigDecimal(g.get("cost").asText())));
        Map<String, BigDecimal> fromCur = curByProject();
        assertThat(fromCe).containsOnlyKeys("alpha", "beta", "(untagged)");
        assertThat(fromCe.get("alpha").setScale(12, RoundingMode.HALF_EVEN)).isEqualByComparingTo(fromCur.get("alpha"));
        assertThat(fromCe.get("beta").setScale(12, RoundingMode.HALF_EVEN)).isEqualByComparingTo(fromCur.get("beta"));
        assertThat(fromCe.get("(untagged)").setScale(12, RoundingMode.HALF_EVEN))
                .isEqualByComparingTo(fromCur.get(""));
        BigDecimal curTotal = fromCur.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(new BigDecimal(report.get("total").asText()).setScale(12, RoundingMode.HALF_EVEN))
                .isEqualByComparingTo(curTotal);
    }

    @Test
    @Order(5)
    void ce_byProjectAndDay_readsEveryPage() throws Exception {
        // Seven days of (mostly empty) results at two cells per page: several NextPageTokens.
        TallyRun r = tally.run(
                "ce", "--by", "tag:project,day", "--from", "2026-11-01", "--to", "2026-11-08", "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("tag:project,day,cost,currency,")
                .contains("alpha,2026-11-02,")
                .contains("alpha,2026-11-04,")
                .contains("beta,2026-11-03,")
                .contains("(untagged),2026-11-03,");
        assertThat(emulator.calls().counts().get("ce:GetCostAndUsage")).isGreaterThan(4);
    }

    @Test
    @Order(5)
    void ce_html_isADashboardOfWhatCostExplorerGives_andRendersInChromium() throws Exception {
        Path page = dir.resolve("ce.html");
        TallyRun r = tally.run(
                "ce",
                "--by",
                "tag:project,day",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-08",
                "--format",
                "html",
                "--out",
                page.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(tally.run(
                        "ce",
                        "--by",
                        "tag:project,day",
                        "--from",
                        "2026-11-01",
                        "--to",
                        "2026-11-08",
                        "--format",
                        "json")
                .out());

        Document dom = Jsoup.parse(HeadlessChromium.installedOrInstall(dir).dumpDom(page));
        assertThat(dom.body().attr("data-rendered")).isEqualTo("true");
        assertThat(dom.select("#by0 option").eachText()).containsExactly("Project", "Time (day)");
        assertThat(new BigDecimal(dom.selectFirst("[data-testid=view-total]").attr("data-value")))
                .isEqualByComparingTo(new BigDecimal(json.get("total").asText()));
        assertThat(dom.select("[data-testid=group-row]"))
                .hasSize(json.get("groups").size());
    }

    @Test
    @Order(6)
    void ce_badInput_isOneLineWithExitTwo() throws Exception {
        assertUsage(
                tally.run("ce", "--by", "principal"),
                "--by principal has no Cost Explorer counterpart (allowed: service, region");
        assertUsage(tally.run("ce", "--by", "service,region,operation"), "--by takes at most 2 of");
        assertUsage(
                tally.run("ce", "--from", "2026-11-05", "--to", "2026-11-01"),
                "--to 2026-11-01 must be after the start 2026-11-05");
        assertUsage(tally.run("ce", "--from", "yesterday"), "--from 'yesterday' is not a date");
        assertUsage(
                tally.run("ce", "--by", "tag:nosuchtag", "--from", "2026-11-01", "--to", "2026-11-08"),
                "no cost allocation tag matches tag:nosuchtag");
        assertUsage(
                tally.run("ce", "--from", "2026-11-01", "--to", "2027-02-01"),
                "as invalid (ValidationException: end date past the beginning of next month");
    }

    private static void assertUsage(TallyRun r, String message) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("tally: ").contains(message).hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }

    private static Map<String, BigDecimal> curByProject() throws Exception {
        Map<String, BigDecimal> out = new HashMap<>();
        Path root = emulator.exportRoot().orElseThrow();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT coalesce(tags['iamPrincipal/Project'], ''), sum(CAST(line_item_unblended_cost AS DECIMAL(38,12))) "
                                + "FROM read_parquet('" + root + "/data/**/*.parquet') GROUP BY 1")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getBigDecimal(2));
            }
        }
        return out;
    }

    private static AwsCredentials session(URI endpoint, AwsCredentials caller, String name, String project) {
        try (StsClient sts = StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(caller))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            var c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/tally-dev")
                            .roleSessionName(name)
                            .tags(Tag.builder().key("Project").value(project).build()))
                    .credentials();
            return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        }
    }

    private static void invoke(URI endpoint, AwsCredentials credentials, String at, String prompt) {
        try (BedrockRuntimeClient bedrock = BedrockRuntimeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            bedrock.invokeModel(r -> r.modelId("us.anthropic.claude-sonnet-4-6")
                    .contentType("application/json")
                    .body(SdkBytes.fromUtf8String("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":100,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}"))
                    .overrideConfiguration(o -> o.putHeader("X-Tally-Emulator-Time", at)));
        }
    }
}
