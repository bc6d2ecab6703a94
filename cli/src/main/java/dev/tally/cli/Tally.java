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
import dev.tally.cli.gateway.GatewayCommand;
import dev.tally.cli.gateway.SpendCommand;
import dev.tally.cli.govern.LimitsCommand;
import dev.tally.cli.keys.KeysCommand;
import dev.tally.ledger.sql.PostgresPool;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tally} command: who spent what on Amazon Bedrock. */
@Command(
        name = "tally",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Who spent what on Amazon Bedrock: per project, user, team and tenant.")
public final class Tally implements Runnable {
    /** Every command, in the order {@code tally --help} lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            ReportCommand.class,
            ReconcileCommand.class,
            CeCommand.class,
            CredsCommand.class,
            RunCommand.class,
            SetupCommand.class,
            IamCommand.class,
            TagsCommand.class,
            ExportCommand.class,
            BudgetCommand.class,
            DoctorCommand.class,
            EmulatorCommand.class,
            KeysCommand.class,
            LimitsCommand.class,
            GatewayCommand.class,
            SpendCommand.class,
            DemoCommand.class,
            SampleCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // PostgreSQL ledgers take their password from PGPASSWORD, read here at the process edge.
        String pgPassword = System.getenv("PGPASSWORD");
        if (pgPassword != null && !pgPassword.isEmpty()) {
            System.setProperty(PostgresPool.PASSWORD_PROPERTY, pgPassword);
        }
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; the one place errors become exit codes. */
    public static int run(String... args) {
        return run(
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                args);
    }

    /** Runs one command line with its output and errors sent where the caller says (tests, the demo). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        ErrorReporter errors = new ErrorReporter(System.getenv("TALLY_DEBUG") != null);
        cli.setExecutionExceptionHandler(errors);
        cli.setParameterExceptionHandler(errors);
        return cli.execute(args);
    }

    /**
     * The command tree these arguments need. picocli reads every command's annotations when it builds the tree
     * (0.1 s of each start for all of them), so a command line that names its command gets only that one; help,
     * {@code tally help X}, a mistyped name (for picocli's suggestions) and no arguments get them all.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Tally());
        List<Class<?>> named = COMMANDS.stream()
                .filter(c ->
                        args.length > 0 && c.getAnnotation(Command.class).name().equals(args[0]))
                .toList();
        // new CommandLine(class), not addSubcommand(class): only the former applies a command's model transformer
        // (creds' options).
        (named.isEmpty() ? COMMANDS : named).forEach(c -> cli.addSubcommand(new CommandLine(c)));
        if (named.isEmpty()) {
            cli.addSubcommand(CommandLine.HelpCommand.class);
        }
        everyCommandPrintsTheVersion(cli);
        // Help as wide as the terminal (picocli asks it only when help is printed), never narrower than 80.
        cli.setUsageHelpAutoWidth(true);
        return cli;
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
