package dev.tally.cli;

import dev.tally.report.query.Condition;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Report;
import dev.tally.report.query.ReportEngine;
import dev.tally.report.query.ReportRequest;
import dev.tally.report.read.CostBasis;
import dev.tally.report.render.OutputFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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
                    + "usage-type, operation, service, day, week, month, tag:<key>. A missing tag is (untagged), any other "
                    + "missing value (none); both work with --where.",
            "",
            "Examples:",
            "  tally report exports/ --by tag:project,model",
            "  tally report cur.parquet --where 'tag:project=(untagged)' --by principal",
            "  tally report s3://billing/cur2/ --by user,day --format csv \\",
            "      --from 2026-11-01 --to 2026-12-01"
        })
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "INPUT",
            description = "Export files, directories (searched recursively), globs, or s3://bucket/prefix.")
    List<String> inputs;

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
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Day to stop before (exclusive, UTC, YYYY-MM-DD).")
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
    Integer top;

    @Mixin
    ReportOutputOptions output;

    @Override
    public Integer call() throws Exception {
        OutputFormat outputFormat = output.checkedFormat();
        CostBasis costBasis = Options.choice(CostBasis.class, "--cost", cost);
        ReportRequest request = new ReportRequest(
                inputs,
                by.stream().map(Dimension::parse).toList(),
                Options.date("--from", from),
                Options.date("--to", to),
                where.stream().map(Condition::parse).toList(),
                allServices,
                costBasis,
                Optional.ofNullable(top),
                outputFormat == OutputFormat.HTML);
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> debug = System.getenv("TALLY_DEBUG") == null
                ? line -> {}
                : line -> {
                    err.println("tally: debug: " + line);
                    err.flush();
                };
        ReportEngine engine = new ReportEngine(
                S3Access.fetcher(System.getenv(), Terminal.progressLine(err)), Terminal.queryProgress(err), debug);
        Report report = engine.run(request);
        output.publish(
                report,
                outputFormat,
                "no matching spend" + (allServices ? "" : " on Bedrock (try --all-services to count every service)")
                        + (from != null || to != null || !where.isEmpty() ? "; check --from, --to and --where" : ""),
                spec);
        return 0;
    }
}
