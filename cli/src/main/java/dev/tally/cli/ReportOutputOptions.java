package dev.tally.cli;

import dev.tally.core.error.TallyException;
import dev.tally.report.query.Report;
import dev.tally.report.render.OutputFormat;
import dev.tally.report.render.Renderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How a cost report reaches the user, the same for {@code tally report} and {@code tally ce}: the data on
 * stdout or, atomically, in {@code --out}; warnings and notes on stderr, never mixed into the data.
 */
public final class ReportOutputOptions {
    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table (default), csv, json, markdown or html.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
    @Nullable
    Path out;

    /** The chosen format, checked with the output target before any work is done. */
    public OutputFormat checkedFormat() {
        OutputFormat chosen = Options.choice(OutputFormat.class, "--format", format);
        if (chosen == OutputFormat.HTML && out == null) {
            throw TallyException.usage("--format html writes a file: add --out FILE.html");
        }
        if (out != null) {
            Output.checkTarget(out);
        }
        return chosen;
    }

    /** Writes the report in the format {@link #checkedFormat} gave; {@code emptyHint} goes to stderr when it has no spend. */
    public void publish(Report report, OutputFormat chosen, String emptyHint, CommandSpec spec) {
        publish(report, Renderer.forFormat(chosen), emptyHint, spec);
    }

    /** Like {@link #publish(Report, OutputFormat, String, CommandSpec)}, with a renderer made for this report (the dashboard). */
    public void publish(Report report, Renderer renderer, String emptyHint, CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        report.warnings().forEach(w -> err.println("tally: warning: " + w));
        if (report.defaultDimensions()) {
            err.println("tally: grouped by " + report.dimensions().get(0).label() + " (the default; choose with --by)");
        }
        if (report.isEmpty()) {
            err.println("tally: " + emptyHint);
        }
        err.flush();
        Output.write(out, spec.commandLine().getOut(), w -> renderer.render(report, w));
    }
}
