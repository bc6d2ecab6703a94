package dev.tally.cli.account;

import dev.tally.cli.govern.GatewayBudgetCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tally budget}: spending limits. {@code tally budget set|list|rm} manage the gateway's own budgets;
 * {@code tally budget aws} manages AWS Budgets.
 */
@Command(
        name = "budget",
        mixinStandardHelpOptions = true,
        description = {
            "Spending limits: 'tally budget set|list|rm' for tally gateway's own budgets (enforced per request, in its"
                    + " ledger); 'tally budget aws' creates and lists AWS Budgets on a cost allocation tag."
        },
        subcommands = {
            GatewayBudgetCommands.Set.class,
            GatewayBudgetCommands.ListBudgets.class,
            GatewayBudgetCommands.Remove.class,
            AwsBudgetCommand.class,
            CommandLine.HelpCommand.class
        })
public final class BudgetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
