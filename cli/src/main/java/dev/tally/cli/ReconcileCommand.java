package dev.tally.cli;

import dev.tally.core.error.TallyException;
import dev.tally.reconcile.ReconcileRequest;
import dev.tally.reconcile.Reconciler;
import dev.tally.reconcile.Reconciliation;
import dev.tally.reconcile.RoleScope;
import dev.tally.reconcile.SessionNameTemplate;
import dev.tally.reconcile.render.ReconcileRenderer;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.ReportEngine;
import dev.tally.report.read.S3Fetcher;
import dev.tally.report.render.OutputFormat;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tally reconcile}: does what the gateway metered match what AWS billed, and where not, why. */
@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        description = {
            "Puts the gateway's ledger beside the bill (CUR 2.0: Parquet, CSV, CSV.gz).",
            "It joins them on the assumed-role session, the UTC day, the model and the token type, and classifies every "
                    + "difference: a price catalog out of date (tokens equal, cost differs), a metering gap (tokens "
                    + "differ), billed sessions the ledger does not know (bypassed the gateway), and metered calls not "
                    + "billed yet (provisional).",
            "Exit status: 0 when every group is within --tolerance and every billed session is the gateway's; 1 "
                    + "otherwise; 2 for usage mistakes."
        },
        footer = {
            "",
            "Examples:",
            "  tally reconcile --ledger tally-ledger.db --cur cur-exports/",
            "  tally reconcile --ledger tally-ledger.db --cur cur-exports/ --by user,day \\",
            "      --from 2026-11-01 --to 2026-12-01",
            "  tally reconcile --ledger tally-ledger.db --cur cur-exports/ \\",
            "      --format html --out reconcile.html",
            "  tally reconcile --ledger tally-ledger.db --cur cur-exports/ \\",
            "      --role tally-gateway"
        })
final class ReconcileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--ledger",
            required = true,
            paramLabel = "PATH|JDBC-URL",
            description = "The gateway's ledger (a file path, jdbc:sqlite: or jdbc:postgresql: URL).")
    String ledger;

    @Option(
            names = "--cur",
            required = true,
            arity = "1..*",
            paramLabel = "INPUT",
            description = "CUR 2.0 exports: files, directories (searched recursively), globs or s3://bucket/prefix.")
    List<String> cur = List.of();

    @Option(names = "--from", paramLabel = "DATE", description = "First UTC day to compare (inclusive).")
    @Nullable
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "UTC day to stop before (exclusive).")
    @Nullable
    String to;

    @Option(
            names = "--by",
            paramLabel = "DIM[,DIM...]",
            split = ",",
            description = "Group by user, session, tag:<key>, model, token-type, day (default: user).")
    List<String> by = List.of();

    @Option(
            names = "--tolerance",
            paramLabel = "PERCENT",
            defaultValue = "1",
            description = "How far metered may be from billed, in percent of billed, per group (default 1).")
    String tolerance;

    @Option(
            names = "--session-name",
            paramLabel = "TEMPLATE",
            defaultValue = "gw-{user}",
            description = "The gateway's session-name template: which user a billed session is (default gw-{user}).")
    String sessionName;

    @Option(
            names = "--role",
            paramLabel = "NAME|ARN",
            description =
                    "Compare only the bill's sessions of this role (the gateway's); other principals are left out.")
    @Nullable
    String role;

    @Mixin
    PricesOption prices;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table (default), csv, json, markdown or html.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
    @Nullable
    Path out;

    @Override
    public Integer call() {
        OutputFormat chosen = Options.choice(OutputFormat.class, "--format", format);
        if (chosen == OutputFormat.HTML && out == null) {
            throw TallyException.usage("--format html writes a file: add --out FILE.html");
        }
        if (out != null) {
            Output.checkTarget(out);
        }
        PrintWriter err = spec.commandLine().getErr();
        ReconcileRequest request = new ReconcileRequest(
                ledger,
                cur,
                Options.date("--from", from),
                Options.date("--to", to),
                by.stream().map(Dimension::parse).toList(),
                percent(tolerance),
                SessionNameTemplate.parse(sessionName),
                prices.load(err),
                role == null ? Optional.empty() : Optional.of(RoleScope.parse(role)));
        S3Fetcher s3 = S3Access.fetcher(System.getenv(), Terminal.progressLine(err));
        Reconciliation result = new Reconciler(new ReportEngine(s3, Terminal.queryProgress(err)), s3).run(request);
        result.warnings().forEach(w -> err.println("tally: warning: " + w));
        if (chosen != OutputFormat.TABLE || out != null) {
            // The table ends with the verdict; other forms are for machines and files, so stderr says it.
            err.println("tally: reconcile: " + ReconcileRenderer.verdict(result));
        }
        err.flush();
        Output.write(
                out,
                spec.commandLine().getOut(),
                w -> ReconcileRenderer.forFormat(chosen).render(result, w));
        return result.passes() ? 0 : 1;
    }

    private static BigDecimal percent(String text) {
        String t = text == null ? "" : text.strip();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw TallyException.usage(
                    "--tolerance '" + text + "' is not a percentage (expected a number, e.g. 1 or 0.5)");
        }
    }
}
