package dev.tally.reconcile.render;

import dev.tally.reconcile.Reconciliation;
import dev.tally.report.render.OutputFormat;
import java.io.IOException;
import java.io.Writer;

/** Writes a reconciliation in one of the {@code --format}s every report command offers. */
public interface ReconcileRenderer {
    void render(Reconciliation reconciliation, Writer out) throws IOException;

    /** One line for people and logs: OK, or DIFFERS and why. */
    static String verdict(Reconciliation reconciliation) {
        return Sections.verdict(reconciliation);
    }

    static ReconcileRenderer forFormat(OutputFormat format) {
        return switch (format) {
            case TABLE -> new TextRenderer();
            case CSV -> new CsvRenderer();
            case JSON -> new JsonRenderer();
            case MARKDOWN -> new MarkdownRenderer();
            case HTML -> new HtmlRenderer();
        };
    }
}
