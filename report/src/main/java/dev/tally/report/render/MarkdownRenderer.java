package dev.tally.report.render;

import dev.tally.report.query.CurrencyReport;
import dev.tally.report.query.Report;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** A GitHub-flavoured Markdown table per currency, with a bold total row. */
final class MarkdownRenderer implements Renderer {
    @Override
    public void render(Report report, Writer out) throws IOException {
        List<CurrencyReport> currencies = report.currenciesOrEmpty();
        for (CurrencyReport currency : currencies) {
            Table table = Table.of(report, currency, false);
            out.write("### Spend by "
                    + String.join(
                            ", ", table.header().subList(0, report.dimensions().size())) + " (" + currency.currency()
                    + ")\n\n");
            row(out, table.header());
            StringBuilder rule = new StringBuilder("|");
            for (int i = 0; i < table.header().size(); i++) {
                rule.append(table.numeric()[i] ? " ---: |" : " --- |");
            }
            out.write(rule + "\n");
            for (List<String> r : table.rows()) {
                row(out, r);
            }
            row(
                    out,
                    table.total().stream()
                            .map(c -> c.isEmpty() ? c : "**" + c + "**")
                            .toList());
            out.write("\n");
        }
    }

    private static void row(Writer out, List<String> cells) throws IOException {
        StringBuilder b = new StringBuilder("|");
        for (String cell : cells) {
            b.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        out.write(b + "\n");
    }
}
