package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.emulator.clock.ClockSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTag;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTagStatusEntry;
import software.amazon.awssdk.services.costexplorer.model.CostExplorerException;
import software.amazon.awssdk.services.costexplorer.model.Dimension;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinition;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.InvalidNextTokenException;
import software.amazon.awssdk.services.costexplorer.model.RequestChangedException;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;
import software.amazon.awssdk.services.costexplorer.model.UpdateCostAllocationTagsStatusResponse;

/**
 * Cost Explorer answered from what the emulator billed, through the unmodified SDK: tagged and untagged
 * Bedrock calls on three days, then cost allocation tags and GetCostAndUsage, whose totals must equal the
 * CUR 2.0 export summed by DuckDB. Tests run in order: activation changes what later ones see.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CostExplorerApiTest {
    private static final String KEY = "iamPrincipal/Project";

    @TempDir
    static Path curOut;

    private static Emulator emulator;
    private static CostExplorerClient ce;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.builder()
                .curOut(curOut)
                .costExplorerPageSize(2)
                .clock(ClockSpec.parse("start=2026-11-01T00:00:00Z,speed=1"))
                .build());
        ce = BillingApis.costExplorer(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        ce.close();
        emulator.close();
    }

    @Test
    @Order(1)
    void listCostAllocationTags_beforeAnyTaggedCall_isEmpty() {
        assertThat(ce.listCostAllocationTags(r -> {}).costAllocationTags()).isEmpty();
        bill();
    }

    @Test
    @Order(2)
    void listCostAllocationTags_afterTaggedCalls_listsTheKeyInactive() {
        List<CostAllocationTag> tags = ce.listCostAllocationTags(r -> {}).costAllocationTags();
        assertThat(tags).singleElement().satisfies(t -> {
            assertThat(t.tagKey()).isEqualTo(KEY);
            assertThat(t.statusAsString()).isEqualTo("Inactive");
            assertThat(t.typeAsString()).isEqualTo("UserDefined");
            assertThat(t.lastUsedDate()).isEqualTo("2026-11-05T16:00:00Z");
        });
    }

    @Test
    @Order(3)
    void getCostAndUsage_byInactiveTag_putsAllSpendUnderTheEmptyValue() {
        Map<String, BigDecimal> byKey = costByGroup(
                request("2026-11-01", "2026-11-08", Granularity.MONTHLY).build());
        assertThat(byKey).containsOnlyKeys(KEY + "$");
    }

    @Test
    @Order(4)
    void updateStatus_unknownKey_comesBackInErrorsOfA200_andTheKnownKeyIsActivated() {
        UpdateCostAllocationTagsStatusResponse r = ce.updateCostAllocationTagsStatus(
                u -> u.costAllocationTagsStatus(tagStatus(KEY, "Active"), tagStatus("project", "Active")));
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.tagKey()).isEqualTo("project");
            assertThat(e.code()).isEqualTo("TagKeyNotFound");
        });
        assertThat(ce.listCostAllocationTags(l -> l.status("Active")).costAllocationTags())
                .extracting(CostAllocationTag::tagKey)
                .containsExactly(KEY);
    }

    @Test
    @Order(5)
    void getCostAndUsage_byActiveTag_everyPageSummed_equalsTheCurExportSummedByDuckDb() throws Exception {
        emulator.flush();
        GetCostAndUsageRequest daily =
                request("2026-11-01", "2026-11-08", Granularity.DAILY).build();
        Map<String, BigDecimal> fromCe = costByGroup(daily);
        Map<String, BigDecimal> fromCur =
                BillingApis.curCostByProject(emulator.exportRoot().orElseThrow(), "2026-11-01", "2026-11-08");
        assertThat(fromCe.keySet()).containsExactlyInAnyOrder(KEY + "$alpha", KEY + "$beta", KEY + "$");
        for (Map.Entry<String, BigDecimal> e : fromCur.entrySet()) {
            assertThat(fromCe.get(KEY + "$" + e.getKey()).setScale(12, RoundingMode.HALF_EVEN))
                    .as(e.getKey())
                    .isEqualByComparingTo(e.getValue());
            assertThat(e.getValue()).isPositive();
        }
    }

    @Test
    @Order(5)
    void getCostAndUsage_usageBeforeActivation_staysUntagged() {
        // The clock started on 2026-11-01T00:00Z and the key was activated moments later: usage that started
        // on October 31st predates it, and activation is not retroactive (aws-facts.md section 1).
        BillingApis.invoke(
                emulator.endpoint(),
                BillingApis.session(emulator.endpoint(), "alice", "alpha"),
                "2026-10-31T12:00:00Z",
                "a question from before the tag was active");
        Map<String, BigDecimal> october = costByGroup(
                request("2026-10-31", "2026-11-01", Granularity.DAILY).build());
        assertThat(october).containsOnlyKeys(KEY + "$");
        assertThat(october.get(KEY + "$")).isPositive();
    }

    @Test
    @Order(6)
    void getCostAndUsage_smallPages_needSeveralTokens_andEveryDayIsAnswered() {
        GetCostAndUsageRequest daily =
                request("2026-11-01", "2026-11-08", Granularity.DAILY).build();
        List<GetCostAndUsageResponse> pages = pages(daily);
        assertThat(pages).hasSizeGreaterThan(2);
        List<String> days = pages.stream()
                .flatMap(p -> p.resultsByTime().stream())
                .map(r -> r.timePeriod().start())
                .distinct()
                .toList();
        assertThat(days)
                .containsExactly(
                        "2026-11-01",
                        "2026-11-02",
                        "2026-11-03",
                        "2026-11-04",
                        "2026-11-05",
                        "2026-11-06",
                        "2026-11-07");
        assertThat(pages.getLast().nextPageToken()).isNull();
    }

    @Test
    @Order(7)
    void getCostAndUsage_tokenOfAnotherRequest_isRequestChanged_andGarbageIsInvalid() {
        String token = ce.getCostAndUsage(
                        request("2026-11-01", "2026-11-08", Granularity.DAILY).build())
                .nextPageToken();
        assertThat(token).isNotNull();
        assertThatThrownBy(() -> ce.getCostAndUsage(request("2026-11-01", "2026-11-07", Granularity.DAILY)
                        .nextPageToken(token)
                        .build()))
                .isInstanceOf(RequestChangedException.class);
        assertThatThrownBy(() -> ce.getCostAndUsage(request("2026-11-01", "2026-11-08", Granularity.DAILY)
                        .nextPageToken("not-a-token")
                        .build()))
                .isInstanceOf(InvalidNextTokenException.class);
    }

    @Test
    @Order(8)
    void getCostAndUsage_withoutGroupBy_filteredToBedrock_totalsTheMonth() throws Exception {
        GetCostAndUsageResponse r =
                ce.getCostAndUsage(g -> g.timePeriod(t -> t.start("2026-11-01").end("2026-12-01"))
                        .granularity(Granularity.MONTHLY)
                        .metrics("UnblendedCost", "UsageQuantity")
                        .filter(f -> f.dimensions(d -> d.key(Dimension.SERVICE).values("Amazon Bedrock"))));
        ResultByTime month = r.resultsByTime().getFirst();
        assertThat(month.groups()).isEmpty();
        assertThat(month.total().get("UnblendedCost").unit()).isEqualTo("USD");
        assertThat(month.total().get("UsageQuantity").unit()).isEqualTo("1K tokens");
        BigDecimal cur =
                BillingApis.curCostByProject(emulator.exportRoot().orElseThrow(), "2026-11-01", "2026-12-01")
                        .values()
                        .stream()
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(new BigDecimal(month.total().get("UnblendedCost").amount()).setScale(12, RoundingMode.HALF_EVEN))
                .isEqualByComparingTo(cur);
        GetCostAndUsageResponse other =
                ce.getCostAndUsage(g -> g.timePeriod(t -> t.start("2026-11-01").end("2026-12-01"))
                        .granularity(Granularity.MONTHLY)
                        .metrics("UnblendedCost")
                        .filter(f -> f.dimensions(
                                d -> d.key(Dimension.SERVICE).values("Amazon Elastic Compute Cloud - Compute"))));
        assertThat(other.resultsByTime().getFirst().total().get("UnblendedCost").amount())
                .isEqualTo("0");
    }

    @Test
    @Order(9)
    void getDimensionValues_service_findsBedrockBySearchString() {
        var r = ce.getDimensionValues(d -> d.dimension(Dimension.SERVICE)
                .searchString("bedrock")
                .timePeriod(t -> t.start("2026-11-01").end("2026-12-01")));
        assertThat(r.dimensionValues()).extracting(v -> v.value()).containsExactly("Amazon Bedrock");
        assertThat(r.totalSize()).isEqualTo(1);
    }

    @Test
    @Order(10)
    void getCostAndUsage_badRequests_areValidationExceptions() {
        assertValidation(
                request("2026-11-05", "2026-11-05", Granularity.DAILY).build(),
                "Start date (and hour) should be before end date");
        assertValidation(
                request("2026-11-31", "2026-12-01", Granularity.DAILY).build(), "Start date '2026-11-31' is invalid");
        assertValidation(
                request("2026-11-01", "2027-01-01", Granularity.MONTHLY).build(),
                "end date past the beginning of next month");
        assertValidation(
                request("2026-11-01", "2026-11-08", Granularity.DAILY)
                        .groupBy(
                                group(GroupDefinitionType.DIMENSION, "SERVICE"),
                                group(GroupDefinitionType.DIMENSION, "REGION"),
                                group(GroupDefinitionType.DIMENSION, "OPERATION"))
                        .build(),
                "up to two");
        assertValidation(
                request("2026-11-01", "2026-11-08", Granularity.DAILY)
                        .groupBy(group(GroupDefinitionType.DIMENSION, "COLOUR"))
                        .build(),
                "dimension COLOUR is invalid");
        assertValidation(
                request("2026-11-01", "2026-11-08", Granularity.DAILY)
                        .metrics("Dollars")
                        .build(),
                "Metric Dollars is invalid");
    }

    @Test
    @Order(11)
    void updateStatus_moreThanTwentyKeys_isAValidationException() {
        List<CostAllocationTagStatusEntry> entries = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            String key = "k" + i;
            entries.add(CostAllocationTagStatusEntry.builder()
                    .tagKey(key)
                    .status("Active")
                    .build());
        }
        assertThatThrownBy(() -> ce.updateCostAllocationTagsStatus(u -> u.costAllocationTagsStatus(entries)))
                .isInstanceOfSatisfying(CostExplorerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("less than or equal to 20");
                });
    }

    private static void bill() {
        URI endpoint = emulator.endpoint();
        AwsCredentials alice = BillingApis.session(endpoint, "alice", "alpha");
        AwsCredentials bob = BillingApis.session(endpoint, "bob", "beta");
        BillingApis.invoke(endpoint, alice, BillingApis.DAYS.get(0), "first question from alice");
        BillingApis.invoke(endpoint, alice, BillingApis.DAYS.get(1), "second question from alice, a little longer");
        BillingApis.invoke(endpoint, bob, BillingApis.DAYS.get(2), "bob asks");
        BillingApis.invoke(endpoint, Aws.DEVELOPER, BillingApis.DAYS.get(2), "an untagged call by an IAM user");
        BillingApis.invoke(endpoint, alice, BillingApis.DAYS.get(3), "alice again, days later");
    }

    private static GetCostAndUsageRequest.Builder request(String start, String end, Granularity granularity) {
        return GetCostAndUsageRequest.builder()
                .timePeriod(t -> t.start(start).end(end))
                .granularity(granularity)
                .metrics("UnblendedCost")
                .groupBy(group(GroupDefinitionType.TAG, KEY));
    }

    private static List<GetCostAndUsageResponse> pages(GetCostAndUsageRequest request) {
        List<GetCostAndUsageResponse> pages = new ArrayList<>();
        String token = null;
        do {
            GetCostAndUsageResponse page =
                    ce.getCostAndUsage(request.toBuilder().nextPageToken(token).build());
            pages.add(page);
            token = page.nextPageToken();
        } while (token != null);
        return pages;
    }

    private static Map<String, BigDecimal> costByGroup(GetCostAndUsageRequest request) {
        Map<String, BigDecimal> out = new HashMap<>();
        for (GetCostAndUsageResponse page : pages(request)) {
            for (ResultByTime r : page.resultsByTime()) {
                r.groups()
                        .forEach(g -> out.merge(
                                g.keys().getFirst(),
                                new BigDecimal(g.metrics().get("UnblendedCost").amount()),
                                BigDecimal::add));
            }
        }
        return out;
    }

    private static void assertValidation(GetCostAndUsageRequest request, String message) {
        assertThatThrownBy(() -> ce.getCostAndUsage(request)).isInstanceOfSatisfying(CostExplorerException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }

    // Built values rather than builder lambdas: a generic Consumer varargs call is an unchecked array creation.
    private static GroupDefinition group(GroupDefinitionType type, String key) {
        return GroupDefinition.builder().type(type).key(key).build();
    }

    private static CostAllocationTagStatusEntry tagStatus(String key, String status) {
        return CostAllocationTagStatusEntry.builder().tagKey(key).status(status).build();
    }
}
