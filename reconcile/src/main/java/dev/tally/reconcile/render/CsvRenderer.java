package dev.tally.reconcile.render;

import dev.tally.reconcile.Reconciliation;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV with exact numbers: the groups and their total row first; each kind of difference found follows as its own
 * table after an empty line (its header names its columns), so unknown sessions are in the file whatever --by says.
 */
final class CsvRenderer implements ReconcileRenderer {
    @Override
    public void render(Reconciliation r, Writer out) throws IOException {
        boolean first = true;
        for (Sections.Section s : Sections.of(r, true).sections()) {
            if (!first) {
                out.write("\n");
            }
            first = false;
            row(out, s.header());
            for (List<String> row : s.rows()) {
                row(out, row);
            }
        }
    }

    private static void row(Writer out, List<String> cells) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        out.write(b.append('\n').toString());
    }
}
