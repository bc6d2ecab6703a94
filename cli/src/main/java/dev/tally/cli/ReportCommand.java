package dev.tally.cli;

import dev.tally.cli.creds.Launcher;
import dev.tally.core.error.TallyException;
import dev.tally.report.query.Condition;
import dev.tally.report.query.Dashboard;
import dev.tally.report.query.DashboardQuery;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Report;
import dev.tally.report.query.ReportEngine;
import dev.tally.report.query.ReportRequest;
import dev.tally.report.read.CostBasis;
import dev.tally.report.read.InputResolver;
import dev.tally.report.read.S3Fetcher;
import dev.tally.report.render.HtmlRenderer;
import dev.tally.report.render.OutputFormat;
import dev.tally.report.render.Provenance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tally report}: who spent what on Bedrock, from billing exports. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Who spent what on Bedrock, from billing exports.",
            "Reads CUR 2.0 (Parquet, CSV, CSV.gz), legacy CUR 1.0 and FOCUS 1.x exports (formats detected from content) "
                    + "and groups their cost by principal, user, tag, model, time and more.",
            "Warnings and the chosen default --by go to stderr; the data on stdout stays clean."
        },
        footer = {
            "",
            "Dimensions: principal, role, session, user, account, model, region, token-type, pricing-model, "
                    + "usage-type, operation, service, day, week, month, source, tag:<key>. A missing tag is (untagged), "
                    + "any other missing value (none); both work with --where.",
            "",
            "Examples:",
            "  tally report exports/ --by tag:project,model",
            "  tally report cur.parquet --where 'tag:project=(untagged)' --by principal",
            "  tally report --ledger tally-ledger.db --by user,token-type",
            "  tally report s3://billing/cur2/ --by user,day --format csv \\",
            "      --from 2026-11-01 --to 2026-12-01",
            "  tally report 'exports/**/*.parquet' --engine spark \\",
            "      --spark-conf spark.driver.memory=8g"
        })
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "0..*",
            paramLabel = "INPUT",
            description =
                    "Export files, directories (searched recursively), globs, or s3://bucket/prefix (s3a:// too).")
    List<String> inputs = List.of();

    @Option(
            names = "--ledger",
            paramLabel = "PATH|JDBC-URL",
            description = "Also read a tally gateway ledger (repeatable): one row per event and token type, "
                    + "--by source tells it from the bill.")
    List<String> ledgers = List.of();

    @Option(
            names = "--by",
            paramLabel = "DIM",
            split = ",",
            description =
                    "Dimensions to group by. Default: tag:project when any row has a project tag, else principal.")
    List<String> by = List.of();

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description = "First day to count (inclusive, UTC, YYYY-MM-DD), on usage start.")
    @Nullable
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Day to stop before (exclusive, UTC, YYYY-MM-DD).")
    @Nullable
    String to;

    @Option(
            names = "--where",
            paramLabel = "DIM=VALUE",
            description = "Keep only rows whose DIM equals VALUE exactly; repeatable.")
    List<String> where = List.of();

    @Option(
            names = "--all-services",
            description = "Count every service, not only Bedrock (Marketplace-billed Bedrock models always count).")
    boolean allServices;

    @Option(
            names = "--cost",
            paramLabel = "unblended|net",
            defaultValue = "unblended",
            description = "Cost column: unblended (default) or net (after discounts).")
    String cost;

    @Option(
            names = "--top",
            paramLabel = "N",
            description = "Show the N most expensive groups and fold the rest into (other).")
    @Nullable
    Integer top;

    @Option(
            names = "--engine",
            paramLabel = "duckdb|spark",
            defaultValue = "duckdb",
            description = "Query engine: duckdb (default, in process) or spark (a child JVM; see docs/spark.md).")
    String engine;

    @Option(
            names = "--spark-master",
            paramLabel = "URL",
            defaultValue = "local[*]",
            description = "Spark master for --engine spark (default local[*]).")
    String sparkMaster;

    @Option(
            names = "--spark-conf",
            paramLabel = "KEY=VALUE",
            description = "A Spark setting for --engine spark; repeatable.")
    List<String> sparkConf = List.of();

    @Mixin
    ReportOutputOptions output;

    /** Prices for the page's cache savings; the tables do not price anything. */
    @Mixin
    PricesOption prices;

    /** Where a report's first step runs. */
    enum Engine {
        DUCKDB,
        SPARK
    }

    @Override
    public Integer call() throws Exception {
        OutputFormat outputFormat = output.checkedFormat();
        CostBasis costBasis = Options.choice(CostBasis.class, "--cost", cost);
        Engine chosenEngine = Options.choice(Engine.class, "--engine", engine);
        Map<String, String> conf = sparkConf();
        if (chosenEngine != Engine.SPARK
                && (!conf.isEmpty() || spec.commandLine().getParseResult().hasMatchedOption("--spark-master"))) {
            throw TallyException.usage("--spark-master and --spark-conf need --engine spark");
        }
        ReportRequest request = new ReportRequest(
                inputs,
                by.stream().map(Dimension::parse).toList(),
                Options.date("--from", from),
                Options.date("--to", to),
                where.stream().map(Condition::parse).toList(),
                allServices,
                costBasis,
                Optional.ofNullable(top),
                false);
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> debug = System.getenv("TALLY_DEBUG") == null
                ? line -> {}
                : line -> {
                    err.println("tally: debug: " + line);
                    err.flush();
                };
        S3Fetcher s3 = S3Access.fetcher(System.getenv(), Terminal.progressLine(err));
        @Nullable SparkProcess spark = null;
        if (chosenEngine == Engine.SPARK) {
            spark = SparkProcess.locate(
                    installation(),
                    Optional.ofNullable(System.getenv("SPARK_HOME"))
                            .filter(h -> !h.isBlank())
                            .map(Path::of),
                    S3Access.tallyCache(System.getenv()),
                    Version.current(),
                    sparkMaster,
                    conf);
            if (!inputs.isEmpty()) {
                // Spark starts (seconds) while the inputs are found and the query planned here.
                spark.start(inputs.stream().anyMatch(InputResolver::isS3));
            }
        }
        try (var child = spark) {
            ReportEngine reports = child != null
                    ? new ReportEngine(s3, child, debug)
                    : new ReportEngine(s3, Terminal.queryProgress(err), debug);
            String emptyHint = "no matching spend"
                    + (allServices ? "" : " on Bedrock (try --all-services to count every service)")
                    + (from != null || to != null || !where.isEmpty() ? "; check --from, --to and --where" : "");
            if (outputFormat == OutputFormat.HTML) {
                // The page holds every dimension, so one scan serves the asked view and every other.
                Dashboard dashboard = new DashboardQuery(s3, reports).run(request, ledgers);
                Provenance provenance = new Provenance(inputs, options(), Instant.now(), Version.current());
                output.publish(
                        dashboard.view(), HtmlRenderer.of(dashboard, provenance, prices.load(err)), emptyHint, spec);
                return 0;
            }
            Report report = reports.run(request, ledgers);
            output.publish(report, outputFormat, emptyHint, spec);
            return 0;
        }
    }

    /** The options that shaped the data, as the page says what it was made from. */
    private String options() {
        List<String> words = new ArrayList<>();
        if (!by.isEmpty()) {
            words.add("--by " + String.join(",", by));
        }
        if (from != null) {
            words.add("--from " + from);
        }
        if (to != null) {
            words.add("--to " + to);
        }
        where.forEach(w -> words.add("--where " + w));
        if (allServices) {
            words.add("--all-services");
        }
        words.add("--cost " + cost);
        if (top != null) {
            words.add("--top " + top);
        }
        return String.join(" ", words);
    }

    private Map<String, String> sparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        for (String kv : sparkConf) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw TallyException.usage(
                        "--spark-conf '" + kv + "' is not KEY=VALUE (e.g. spark.executor.memory=4g)");
            }
            conf.put(kv.substring(0, eq).strip(), kv.substring(eq + 1));
        }
        return conf;
    }

    /**
     * The clone or unpacked distribution this command runs from: bin/tally says where it is; tests run in the
     * build's root ({@code tally.root}).
     */
    private static Path installation() {
        String launcher = System.getProperty(Launcher.PROPERTY);
        // bin/tally's directory's parent; a launcher with none (at the file system's root) falls through.
        Path bin = launcher == null ? null : Path.of(launcher).toAbsolutePath().getParent();
        Path root = bin == null ? null : bin.getParent();
        if (root != null) {
            return root;
        }
        return Path.of(System.getProperty("tally.root", ".")).toAbsolutePath();
    }
}
