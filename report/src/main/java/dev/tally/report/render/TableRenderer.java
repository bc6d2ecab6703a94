package dev.tally.report.render;

import dev.tally.report.query.CurrencyReport;
import dev.tally.report.query.Report;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** A plain-text table for a terminal: aligned columns, numbers right-aligned, a rule before the total. */
final class TableRenderer implements Renderer {
    @Override
    public void render(Report report, Writer out) throws IOException {
        List<CurrencyReport> currencies = report.currenciesOrEmpty();
        boolean first = true;
        for (CurrencyReport currency : currencies) {
            if (!first) {
                out.write("\n");
            }
            first = false;
            Table table = Table.of(report, currency, false);
            int[] widths = new int[table.header().size()];
            for (List<String> r : allRows(table)) {
                for (int i = 0; i < r.size(); i++) {
                    widths[i] = Math.max(
                            widths[i], r.get(i).codePointCount(0, r.get(i).length()));
                }
            }
            line(out, table.header(), widths, table.numeric());
            rule(out, widths);
            for (List<String> r : table.rows()) {
                line(out, r, widths, table.numeric());
            }
            rule(out, widths);
            line(out, table.total(), widths, table.numeric());
        }
    }

    private static List<List<String>> allRows(Table table) {
        List<List<String>> rows = new java.util.ArrayList<>();
        rows.add(table.header());
        rows.addAll(table.rows());
        rows.add(table.total());
        return rows;
    }

    private static void line(Writer out, List<String> cells, int[] widths, boolean[] numeric) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            int pad = widths[i] - cell.codePointCount(0, cell.length());
            if (i > 0) {
                b.append("  ");
            }
            if (numeric[i]) {
                b.append(" ".repeat(pad)).append(cell);
            } else {
                b.append(cell).append(" ".repeat(i == cells.size() - 1 ? 0 : pad));
            }
        }
        out.write(b.toString().stripTrailing() + "\n");
    }

    private static void rule(Writer out, int[] widths) throws IOException {
        int total = 0;
        for (int w : widths) {
            total += w;
        }
        out.write("-".repeat(total + 2 * (widths.length - 1)) + "\n");
    }
}
