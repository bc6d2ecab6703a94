package dev.tally.report.render;

import dev.tally.report.query.Report;
import java.io.IOException;
import java.io.Writer;

/** Placeholder replaced by the self-contained HTML report (work in progress on branch html). */
final class HtmlRenderer implements Renderer {
    @Override
    public void render(Report report, Writer out) throws IOException {
        throw new UnsupportedOperationException("--format html is not built yet");
    }
}
