package dev.tally.reconcile.render;

import dev.tally.reconcile.Reconciliation;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Markdown for a ticket or a wiki: one table per section, rounded like the terminal, and the verdict. */
final class MarkdownRenderer implements ReconcileRenderer {
    @Override
    public void render(Reconciliation r, Writer out) throws IOException {
        out.write("**" + Sections.verdict(r) + "**\n");
        for (Sections.Section s : Sections.of(r, false).sections()) {
            out.write("\n### " + s.title() + "\n\n");
            row(out, s.header());
            StringBuilder rule = new StringBuilder("|");
            for (boolean n : s.numeric()) {
                rule.append(n ? " ---: |" : " --- |");
            }
            out.write(rule + "\n");
            for (List<String> row : s.rows()) {
                row(out, row);
            }
        }
    }

    private static void row(Writer out, List<String> cells) throws IOException {
        StringBuilder b = new StringBuilder("|");
        for (String c : cells) {
            b.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        out.write(b.append('\n').toString());
    }
}
