package dev.tally.cli.govern;

import dev.tally.core.error.TallyException;
import java.io.PrintWriter;
import java.util.List;

/** The {@code --format} of budget and limit listings, and their table layout. */
final class GovernFormat {
    private GovernFormat() {}

    static boolean json(String format) {
        if (!format.equals("table") && !format.equals("json")) {
            throw TallyException.usage("--format '" + format + "' is not one of: table, json");
        }
        return format.equals("json");
    }

    static void table(PrintWriter out, List<List<String>> rows) {
        int[] widths = new int[rows.getFirst().size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(i == 0 ? "" : "  ");
                line.append(i == r.size() - 1 ? r.get(i) : String.format("%-" + widths[i] + "s", r.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
