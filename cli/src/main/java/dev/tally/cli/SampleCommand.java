package dev.tally.cli;

import dev.tally.cur.sample.SampleCur;
import dev.tally.cur.sample.SampleCurConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tally sample}: generated billing data for tests, demos and benchmarks. */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description = "Generate realistic, deterministic sample billing data.",
        subcommands = {SampleCommand.Cur.class, CommandLine.HelpCommand.class})
public final class SampleCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code tally sample cur}: a CUR 2.0 export whose costs come from the price catalog. */
    @Command(
            name = "cur",
            mixinStandardHelpOptions = true,
            description = {
                "Write a realistic CUR 2.0 export (Data Exports, with IAM principal data): Bedrock usage by assumed-role "
                        + "sessions, IAM users, API keys and federated users, with and without tags, every token type, "
                        + "batch, flex, priority, provisioned and Marketplace rows, EC2 and S3 rows, tax and credits.",
                "The same options and seed always give the same bytes. The format follows the extension of --out."
            })
    static final class Cur implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--rows",
                required = true,
                paramLabel = "N",
                description = "Number of line items to write (at least 1).")
        long rows;

        @Option(
                names = "--seed",
                required = true,
                paramLabel = "S",
                description = "Seed: the same seed and options give the same file.")
        long seed;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "PATH",
                description =
                        "File to write: .parquet, .csv or .csv.gz (maps as JSON objects in CSV, as AWS writes them). "
                                + "Written to a temporary file and renamed, so it appears only whole.")
        Path out;

        @Option(
                names = "--month",
                paramLabel = "YYYY-MM",
                defaultValue = SampleCurConfig.DEFAULT_MONTH_TEXT,
                description = "Billing month the usage falls in (default: ${DEFAULT-VALUE}).")
        String month;

        @Option(
                names = "--users",
                paramLabel = "N",
                defaultValue = "" + SampleCurConfig.DEFAULT_USERS,
                description = "People in the sample organization (default: ${DEFAULT-VALUE}).")
        int users;

        @Option(
                names = "--projects",
                paramLabel = "N",
                defaultValue = "" + SampleCurConfig.DEFAULT_PROJECTS,
                description = "Projects (git repositories, applications) they work on (default: ${DEFAULT-VALUE}).")
        int projects;

        @Option(
                names = "--teams",
                paramLabel = "N",
                defaultValue = "" + SampleCurConfig.DEFAULT_TEAMS,
                description = "Teams they belong to (default: ${DEFAULT-VALUE}).")
        int teams;

        @Mixin
        PricesOption prices = new PricesOption();

        @Override
        public Integer call() {
            SampleCurConfig config =
                    new SampleCurConfig(rows, seed, SampleCurConfig.parseMonth(month), users, projects, teams, out);
            SampleCur.Result result =
                    new SampleCur(prices.load(spec.commandLine().getErr())).generate(config);
            // System.console() is non-null even when piped on JDK 22+: one test of a terminal, Terminal's.
            if (Terminal.interactive()) {
                spec.commandLine()
                        .getErr()
                        .printf(
                                Locale.ROOT,
                                "wrote %,d line items to %s in %.1f s%n",
                                result.rows(),
                                out,
                                result.elapsed().toMillis() / 1000.0);
            }
            return 0;
        }
    }
}
