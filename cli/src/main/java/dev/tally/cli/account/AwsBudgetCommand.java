package dev.tally.cli.account;

import dev.tally.account.budget.AwsBudgets;
import dev.tally.account.budget.BudgetPeriod;
import dev.tally.account.budget.BudgetSpec;
import dev.tally.account.budget.BudgetSummary;
import dev.tally.account.budget.BudgetTable;
import dev.tally.account.budget.BudgetTagFilter;
import dev.tally.cli.Options;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** {@code tally budget aws}: AWS Budgets filtered to one cost allocation tag, with e-mail alerts. */
@Command(
        name = "aws",
        mixinStandardHelpOptions = true,
        description = "AWS Budgets on a cost allocation tag (TagKeyValue user:KEY$VALUE) for the calling account.",
        subcommands = {
            AwsBudgetCommand.CreateBudget.class,
            AwsBudgetCommand.ListBudgets.class,
            CommandLine.HelpCommand.class
        })
public final class AwsBudgetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Creates a COST budget in USD on spend tagged KEY=VALUE, with an e-mail alert when actual spend passes each "
                        + "threshold (percent of the limit).",
                "The tag must be an active cost allocation tag (tally tags activate KEY) for Budgets to count anything."
            },
            footer = {
                "",
                "Example:",
                "  tally budget aws create --name checkout-bedrock --limit 500 \\",
                "      --period monthly --tag Project=checkout \\",
                "      --email lead@example.com --threshold 80,100"
            })
    static final class CreateBudget implements Callable<Integer> {
        @Mixin
        AwsClientOptions aws;

        @Spec
        CommandSpec spec;

        @Option(
                names = "--name",
                required = true,
                paramLabel = "NAME",
                description = "Budget name, unique in the account.")
        String name;

        @Option(
                names = "--limit",
                required = true,
                paramLabel = "AMOUNT",
                description = "Limit in USD, e.g. 500 or 99.50.")
        String limit;

        @Option(
                names = "--period",
                required = true,
                paramLabel = "PERIOD",
                description = "monthly, quarterly or annually.")
        String period;

        @Option(
                names = "--tag",
                required = true,
                paramLabel = "KEY=VALUE",
                description = "The cost allocation tag to budget, e.g. Project=checkout.")
        String tag;

        @Option(names = "--email", paramLabel = "ADDR", description = "Who gets the alerts; repeatable, at most 10.")
        List<String> emails = new ArrayList<>();

        @Option(
                names = "--threshold",
                paramLabel = "PCT[,PCT...]",
                description = "Alert percentages of the limit (default: 80,100 when --email is given).")
        @Nullable
        String thresholds;

        @Override
        public Integer call() {
            List<BigDecimal> percentages = thresholds != null
                    ? BudgetSpec.parseThresholds(thresholds)
                    : emails.isEmpty() ? List.of() : BudgetSpec.DEFAULT_THRESHOLDS;
            BudgetSpec budget = new BudgetSpec(
                    name,
                    BudgetSpec.parseLimit(limit),
                    Options.choice(BudgetPeriod.class, "--period", period),
                    BudgetTagFilter.parse(tag),
                    emails.stream().map(String::strip).toList(),
                    percentages);
            String account;
            try (BudgetsClient budgets = aws.clients().budgets();
                    StsClient sts = aws.clients().sts()) {
                account = new AwsBudgets(budgets, sts).create(budget);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("budget '" + budget.name() + "' created in account " + account + ": "
                    + budget.limit().toPlainString() + " USD "
                    + budget.period().name().toLowerCase(Locale.ROOT) + " on " + BudgetTagFilter.FILTER + " "
                    + budget.tag().filterValue());
            out.println(
                    budget.emails().isEmpty()
                            ? "alerts: none (no --email)"
                            : "alerts: actual spend above "
                                    + budget.thresholds().stream()
                                            .map(t -> t.toPlainString() + "%")
                                            .collect(Collectors.joining(", "))
                                    + " to " + String.join(", ", budget.emails()));
            out.println("note: Budgets counts only active cost allocation tags: tally tags activate "
                    + budget.tag().key());
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists every budget of the account: name, limit, period, filter, actual spend.")
    static final class ListBudgets implements Callable<Integer> {
        @Mixin
        AwsClientOptions aws;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<BudgetSummary> all;
            try (BudgetsClient budgets = aws.clients().budgets();
                    StsClient sts = aws.clients().sts()) {
                all = new AwsBudgets(budgets, sts).list();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(BudgetTable.render(all));
            out.flush();
            return 0;
        }
    }
}
