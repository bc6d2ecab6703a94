package dev.tally.account.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The text table of {@code tally budget aws list}: name, limit, period, filter, actual spend. */
public final class BudgetTable {
    private static final List<String> HEADER = List.of("NAME", "LIMIT", "PERIOD", "FILTER", "ACTUAL");

    private BudgetTable() {}

    public static String render(List<BudgetSummary> budgets) {
        if (budgets.isEmpty()) {
            return "No budgets in this account.\n";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (BudgetSummary b : budgets) {
            String filter = b.filters().isEmpty()
                    ? "(none)"
                    : b.filters().entrySet().stream()
                            .map(e -> e.getKey() + "=" + String.join("|", e.getValue()))
                            .collect(Collectors.joining(" "));
            rows.add(List.of(
                    b.name(),
                    b.limit().orElse("(planned)"),
                    b.period().toLowerCase(Locale.ROOT),
                    filter,
                    b.actualSpend().orElse("-")));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                boolean number = i == 1 || i == 4;
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(number && rows.indexOf(row) > 0 ? pad + cell : cell + pad);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
