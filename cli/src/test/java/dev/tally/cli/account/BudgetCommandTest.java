package dev.tally.cli.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.cli.TallyRun;
import dev.tally.testing.MotoServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetCommandTest {
    @TempDir
    Path dir;

    @Test
    void createListAndDuplicate_againstMoto() throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            String[] create = {
                "budget",
                "aws",
                "create",
                "--name",
                "checkout-bedrock",
                "--limit",
                "500",
                "--period",
                "quarterly",
                "--tag",
                "Project=checkout",
                "--email",
                "lead@example.com"
            };
            TallyRun created = TallyProcess.against(moto.endpoint(), dir, create);
            assertThat(created.exit()).as(created.err()).isZero();
            assertThat(created.out()).isEqualTo("""
                    budget 'checkout-bedrock' created in account 123456789012: 500 USD quarterly on TagKeyValue user:Project$checkout
                    alerts: actual spend above 80%, 100% to lead@example.com
                    note: Budgets counts only active cost allocation tags: tally tags activate Project
                    """);
            JsonNode budget = IamCommandTest.aws(
                            moto.endpoint(),
                            "budgets",
                            "describe-budget",
                            "--account-id",
                            "123456789012",
                            "--budget-name",
                            "checkout-bedrock")
                    .get("Budget");
            assertThat(budget.at("/CostFilters/TagKeyValue/0").asText()).isEqualTo("user:Project$checkout");
            assertThat(budget.get("TimeUnit").asText()).isEqualTo("QUARTERLY");
            assertThat(IamCommandTest.aws(
                                    moto.endpoint(),
                                    "budgets",
                                    "describe-notifications-for-budget",
                                    "--account-id",
                                    "123456789012",
                                    "--budget-name",
                                    "checkout-bedrock")
                            .get("Notifications")
                            .size())
                    .isEqualTo(2);

            TallyRun list = TallyProcess.against(moto.endpoint(), dir, "budget", "aws", "list");
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.out()).isEqualTo("""
                    NAME              LIMIT    PERIOD     FILTER                             ACTUAL
                    checkout-bedrock  500 USD  quarterly  TagKeyValue=user:Project$checkout   0 USD
                    """);

            TallyRun again = TallyProcess.against(moto.endpoint(), dir, create);
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err())
                    .isEqualTo("tally: budget 'checkout-bedrock' already exists in account 123456789012 "
                            + "(DuplicateRecordException); choose another name or delete it first\n");
        }
    }

    @Test
    void budgetAlone_showsItsSubcommands() {
        TallyRun r = TallyRun.inProcess("budget");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("aws");
    }
}
