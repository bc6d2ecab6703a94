package dev.tally.reconcile.render;

import dev.tally.reconcile.Reconciliation;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The terminal form: aligned tables with rounded numbers, each kind of difference in its own table, a verdict. */
final class TextRenderer implements ReconcileRenderer {
    @Override
    public void render(Reconciliation r, Writer out) throws IOException {
        for (Sections.Section s : Sections.of(r, false).sections()) {
            out.write(s.title() + "\n");
            int[] widths = new int[s.header().size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = s.header().get(i).length();
                for (List<String> row : s.rows()) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
            line(out, s.header(), widths, s.numeric());
            for (List<String> row : s.rows()) {
                line(out, row, widths, s.numeric());
            }
            out.write("\n");
        }
        out.write(Sections.verdict(r) + "\n");
    }

    private static void line(Writer out, List<String> cells, int[] widths, boolean[] numeric) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            if (i > 0) {
                b.append("  ");
            }
            b.append(numeric[i] ? pad + cell : cell + pad);
        }
        out.write(b.toString().stripTrailing() + "\n");
    }
}
