package dev.tally.report.render;

import dev.tally.report.query.CurrencyReport;
import dev.tally.report.query.Report;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** RFC 4180 CSV with exact numbers: one header, the groups of every currency, a total row per currency. */
final class CsvRenderer implements Renderer {
    @Override
    public void render(Report report, Writer out) throws IOException {
        List<CurrencyReport> currencies = report.currenciesOrEmpty();
        boolean headerWritten = false;
        for (CurrencyReport currency : currencies) {
            Table table = Table.of(report, currency, true);
            if (!headerWritten) {
                line(out, table.header());
                headerWritten = true;
            }
            for (List<String> row : table.rows()) {
                line(out, row);
            }
            line(out, table.total());
        }
    }

    private static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
