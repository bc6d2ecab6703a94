package dev.tally.report.render;

import dev.tally.report.query.Report;
import java.io.IOException;
import java.io.Writer;

/** Writes a {@link Report} in one output format. Warnings are never rendered: they belong on stderr. */
public interface Renderer {
    void render(Report report, Writer out) throws IOException;

    /** The renderer for a {@code --format} name. */
    static Renderer forFormat(OutputFormat format) {
        return switch (format) {
            case TABLE -> new TableRenderer();
            case CSV -> new CsvRenderer();
            case JSON -> new JsonRenderer();
            case MARKDOWN -> new MarkdownRenderer();
            case HTML -> HtmlRenderer.ofReport();
        };
    }
}
