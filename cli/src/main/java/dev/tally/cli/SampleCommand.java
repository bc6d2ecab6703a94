package dev.tally.cli;

import dev.tally.cur.sample.SampleCur;
import dev.tally.cur.sample.SampleCurConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
        /** The seed when none is given: fixed, so two runs with the same options give the same file. */
        static final long DEFAULT_SEED = 1;

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
                paramLabel = "S",
                defaultValue = "" + DEFAULT_SEED,
                description = "Seed: the same seed and options give the same file (default: ${DEFAULT-VALUE}).")
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
                description = "Billing month the usage falls in (default: last month, in UTC).")
        @Nullable
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
            YearMonth billed =
                    month == null ? YearMonth.now(ZoneOffset.UTC).minusMonths(1) : SampleCurConfig.parseMonth(month);
            SampleCurConfig config = new SampleCurConfig(rows, seed, billed, users, projects, teams, out);
            SampleCur.Result result =
                    new SampleCur(prices.load(spec.commandLine().getErr())).generate(config);
            // Always, on stderr (stdout stays empty): the seed and month say how to make the same file again.
            PrintWriter err = spec.commandLine().getErr();
            err.printf(
                    Locale.ROOT,
                    "tally: wrote %,d line items for %s to %s (seed %d) in %.1f s%n",
                    result.rows(),
                    billed,
                    out,
                    seed,
                    result.elapsed().toMillis() / 1000.0);
            err.flush();
            return 0;
        }
    }
}
