package dev.tally.cli.gateway;

import java.io.PrintWriter;
import java.util.List;

/** Left-aligned columns, two spaces apart: the one table layout of the gateway commands (keys, budget, limits, spend). */
public final class Columns {
    private Columns() {}

    public static void print(PrintWriter out, List<List<String>> rows) {
        int[] widths = new int[rows.getFirst().size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        for (List<String> r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                b.append(i == 0 ? "" : "  ")
                        .append(r.get(i))
                        .append(" ".repeat(widths[i] - r.get(i).length()));
            }
            out.println(b.toString().stripTrailing());
        }
    }
}
