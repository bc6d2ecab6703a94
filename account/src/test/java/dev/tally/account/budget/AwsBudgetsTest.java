package dev.tally.account.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.account.iam.TestAws;
import dev.tally.core.error.TallyException;
import dev.tally.testing.MotoServer;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** {@link AwsBudgets} against moto's Budgets and STS, read back with the AWS CLI. */
class AwsBudgetsTest {
    private static MotoServer moto;
    private static BudgetsClient budgets;
    private static StsClient sts;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        budgets = TestAws.budgets(moto.endpoint(), "test", "test");
        sts = TestAws.sts(moto.endpoint(), "test", "test");
    }

    @AfterAll
    static void stop() {
        budgets.close();
        sts.close();
        moto.close();
    }

    private static BudgetSpec spec(String name, String limit, String tag, List<String> emails, String thresholds) {
        return new BudgetSpec(
                name,
                BudgetSpec.parseLimit(limit),
                BudgetPeriod.MONTHLY,
                BudgetTagFilter.parse(tag),
                emails,
                thresholds.isEmpty() ? List.of() : BudgetSpec.parseThresholds(thresholds));
    }

    @Test
    void create_tagBudget_storesLimitFilterAndOneNotificationPerThreshold() throws Exception {
        String account = new AwsBudgets(budgets, sts)
                .create(spec(
                        "checkout-monthly",
                        "250.50",
                        "Project=checkout",
                        List.of("fin@acme.org", "lead@acme.org"),
                        "80,100,150"));
        assertThat(account).isEqualTo(TestAws.ACCOUNT);

        JsonNode budget = TestAws.cli(
                        moto.endpoint(),
                        "budgets",
                        "describe-budget",
                        "--account-id",
                        account,
                        "--budget-name",
                        "checkout-monthly")
                .get("Budget");
        assertThat(budget.get("BudgetType").asText()).isEqualTo("COST");
        assertThat(budget.get("TimeUnit").asText()).isEqualTo("MONTHLY");
        assertThat(new BigDecimal(budget.at("/BudgetLimit/Amount").asText())).isEqualByComparingTo("250.50");
        assertThat(budget.at("/BudgetLimit/Unit").asText()).isEqualTo("USD");
        assertThat(budget.at("/CostFilters/TagKeyValue").toString()).isEqualTo("[\"user:Project$checkout\"]");

        JsonNode notifications = TestAws.cli(
                        moto.endpoint(),
                        "budgets",
                        "describe-notifications-for-budget",
                        "--account-id",
                        account,
                        "--budget-name",
                        "checkout-monthly")
                .get("Notifications");
        List<Double> thresholds = new ArrayList<>();
        for (JsonNode n : notifications) {
            assertThat(n.get("NotificationType").asText()).isEqualTo("ACTUAL");
            assertThat(n.get("ComparisonOperator").asText()).isEqualTo("GREATER_THAN");
            assertThat(n.get("ThresholdType").asText()).isEqualTo("PERCENTAGE");
            thresholds.add(n.get("Threshold").asDouble());
        }
        assertThat(thresholds).containsExactly(80.0, 100.0, 150.0);
    }

    @Test
    void create_sameNameTwice_isOneLineNamingTheBudgetAndAccount() {
        AwsBudgets aws = new AwsBudgets(budgets, sts);
        aws.create(spec("dup", "10", "Team=ml", List.of(), ""));
        assertThatThrownBy(() -> aws.create(spec("dup", "20", "Team=ml", List.of(), "")))
                .isInstanceOf(TallyException.class)
                .hasMessage(
                        "budget 'dup' already exists in account 123456789012 (DuplicateRecordException); choose another name or delete it first");
    }

    @Test
    void list_everyBudgetWithItsLimitPeriodFilterAndActualSpend() throws Exception {
        AwsBudgets aws = new AwsBudgets(budgets, sts);
        aws.create(spec("list-a", "100", "Project=alpha", List.of(), ""));
        TestAws.cli(moto.endpoint(), "budgets", "create-budget", "--account-id", TestAws.ACCOUNT, "--budget", """
                {"BudgetName":"made-elsewhere","BudgetType":"COST","TimeUnit":"QUARTERLY","BudgetLimit":{"Amount":"900","Unit":"USD"}}""");
        List<BudgetSummary> all = aws.list();
        BudgetSummary a =
                all.stream().filter(b -> b.name().equals("list-a")).findFirst().orElseThrow();
        assertThat(a.limit()).contains("100 USD");
        assertThat(a.period()).isEqualTo("MONTHLY");
        assertThat(a.filters()).containsEntry("TagKeyValue", List.of("user:Project$alpha"));
        assertThat(a.actualSpend()).contains("0 USD");
        BudgetSummary other = all.stream()
                .filter(b -> b.name().equals("made-elsewhere"))
                .findFirst()
                .orElseThrow();
        assertThat(other.period()).isEqualTo("QUARTERLY");
        assertThat(other.filters()).isEmpty();
        int described = TestAws.cli(moto.endpoint(), "budgets", "describe-budgets", "--account-id", TestAws.ACCOUNT)
                .get("Budgets")
                .size();
        assertThat(all).hasSize(described);
    }

    @Test
    void list_callerWithoutBudgetPermissions_namesTheIamActionItLacks() throws Exception {
        try (MotoServer own = MotoServer.start()) {
            URI e = own.endpoint();
            TestAws.cli(e, "iam", "create-user", "--user-name", "viewer");
            JsonNode key = TestAws.cli(e, "iam", "create-access-key", "--user-name", "viewer")
                    .get("AccessKey");
            TestAws.enforceIamAuthorization(e);
            String id = key.get("AccessKeyId").asText();
            String secret = key.get("SecretAccessKey").asText();
            try (BudgetsClient b = TestAws.budgets(e, id, secret);
                    StsClient s = TestAws.sts(e, id, secret)) {
                assertThatThrownBy(() -> new AwsBudgets(b, s).list())
                        .hasMessageStartingWith(
                                "AWS Budgets refused DescribeBudgets: the caller lacks budgets:ViewBudget (AccessDenied: ")
                        .hasMessageNotContaining("\n");
            }
        }
    }

    @Test
    void create_unreachableEndpoint_isOneFailureLine() {
        URI nowhere = URI.create("http://127.0.0.1:" + MotoServer.freePort());
        try (BudgetsClient b = TestAws.budgets(nowhere, "test", "test");
                StsClient s = TestAws.sts(nowhere, "test", "test")) {
            assertThatThrownBy(() -> new AwsBudgets(b, s).create(spec("x", "1", "A=b", List.of(), "")))
                    .hasMessageStartingWith("cannot reach STS for GetCallerIdentity (")
                    .hasMessageNotContaining("\n");
        }
    }
}
