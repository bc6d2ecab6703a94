package dev.tally.cli;

import dev.tally.cli.account.BudgetCommand;
import dev.tally.cli.account.CeCommand;
import dev.tally.cli.account.DoctorCommand;
import dev.tally.cli.account.ExportCommand;
import dev.tally.cli.account.IamCommand;
import dev.tally.cli.account.TagsCommand;
import dev.tally.cli.creds.CredsCommand;
import dev.tally.cli.creds.RunCommand;
import dev.tally.cli.creds.SetupCommand;
import dev.tally.cli.demo.DemoCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tally} command: who spent what on Amazon Bedrock. */
@Command(
        name = "tally",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Who spent what on Amazon Bedrock: per project, user, team and tenant.",
        subcommands = {ReportCommand.class, CeCommand.class, CredsCommand.class, RunCommand.class, SetupCommand.class, IamCommand.class,
            TagsCommand.class, ExportCommand.class, BudgetCommand.class, DoctorCommand.class, EmulatorCommand.class, DemoCommand.class, SampleCommand.class,
            CommandLine.HelpCommand.class})
public final class Tally implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; the one place errors become exit codes. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs one command line with its output and errors sent where the caller says (tests, the demo). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Tally());
        everyCommandPrintsTheVersion(cli);
        cli.setOut(out);
        cli.setErr(err);
        ErrorReporter errors = new ErrorReporter();
        cli.setExecutionExceptionHandler(errors);
        cli.setParameterExceptionHandler(errors);
        return cli.execute(args);
    }

    /** {@code -V} on any command prints Tally's version: one provider, set here rather than on each command. */
    private static void everyCommandPrintsTheVersion(CommandLine cli) {
        cli.getCommandSpec().versionProvider(new Version());
        cli.getSubcommands().values().forEach(Tally::everyCommandPrintsTheVersion);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
