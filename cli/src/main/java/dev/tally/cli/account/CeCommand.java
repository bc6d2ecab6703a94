package dev.tally.cli.account;

import dev.tally.account.ce.CostExplorerQuery;
import dev.tally.account.ce.CostExplorerReport;
import dev.tally.cli.Options;
import dev.tally.cli.ReportOutputOptions;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Report;
import dev.tally.report.render.OutputFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;

/** {@code tally ce}: Bedrock spend from Cost Explorer, printed like {@code tally report}. */
@Command(
        name = "ce",
        mixinStandardHelpOptions = true,
        description = {
            "Bedrock spend from Cost Explorer (GetCostAndUsage), Marketplace-billed Bedrock models included.",
            "Grouped by tags or by service, region, usage-type, operation, account; printed by the same renderers as "
                    + "tally report.",
            "Tags group only when active cost allocation tags; untagged spend shows as (untagged)."
        },
        footer = {
            "",
            "Examples:",
            "  tally ce --by tag:project",
            "  tally ce --by tag:team,day --from 2026-11-01 --to 2026-11-15 --format csv"
        })
public final class CeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsClientOptions aws;

    @Option(
            names = "--by",
            paramLabel = "DIM",
            split = ",",
            description =
                    "At most two of service, region, usage-type, operation, account, tag:<key>, plus day or month. "
                            + "Default: tag:project when that tag exists, else service.")
    List<String> by = List.of();

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description = "First day (inclusive, UTC, YYYY-MM-DD). Default: the first of this month.")
    @Nullable
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Day to stop before (exclusive). Default: tomorrow.")
    @Nullable
    String to;

    @Option(
            names = "--granularity",
            paramLabel = "daily|monthly",
            description = "Cost Explorer granularity (default: daily with --by day, else monthly).")
    @Nullable
    String granularity;

    @Mixin
    ReportOutputOptions output;

    @Override
    public Integer call() {
        OutputFormat format = output.checkedFormat();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        CostExplorerQuery query = new CostExplorerQuery(
                by.stream().map(Dimension::parse).toList(),
                Options.date("--from", from).orElse(today.withDayOfMonth(1)),
                Options.date("--to", to).orElse(today.plusDays(1)),
                Optional.ofNullable(granularity).map(g -> g.strip().toUpperCase(Locale.ROOT)));
        Report report;
        try (CostExplorerClient ce = aws.clients().costExplorer()) {
            report = new CostExplorerReport(ce).run(query);
        }
        output.publish(
                report,
                format,
                "no Bedrock spend in Cost Explorer from " + query.from() + " to " + query.to() + " (exclusive)",
                spec);
        return 0;
    }
}
