package dev.tally.cli.account;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tally budget}: spending limits. {@code tally budget aws} manages AWS Budgets; the gateway's own
 * budgets will be subcommands beside it.
 */
@Command(
        name = "budget",
        mixinStandardHelpOptions = true,
        description = "Spending limits: 'tally budget aws' creates and lists AWS Budgets on a cost allocation tag.",
        subcommands = {AwsBudgetCommand.class, CommandLine.HelpCommand.class})
public final class BudgetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
