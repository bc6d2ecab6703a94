package dev.tally.report.render;

import dev.tally.core.io.JsonWriter;
import dev.tally.report.query.CurrencyReport;
import dev.tally.report.query.Group;
import dev.tally.report.query.Report;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code {"currency", "total", "dimensions", "groups": [{"keys", "cost", "usage", "rows"}]}}: one object, or
 * an array of them when the report holds more than one currency. Numbers are exact decimals. In a report by time,
 * every group also says whether its period is the newest one and had not ended: {@code "incomplete": true/false}.
 */
final class JsonRenderer implements Renderer {

    @Override
    public void render(Report report, Writer out) throws IOException {
        List<CurrencyReport> currencies = report.currenciesOrEmpty();
        JsonWriter json = JsonWriter.pretty();
        if (currencies.size() == 1) {
            currency(json, report, currencies.get(0));
        } else {
            json.beginArray();
            currencies.forEach(c -> currency(json, report, c));
            json.endArray();
        }
        out.write(json.toString());
        out.write('\n');
    }

    private static void currency(JsonWriter json, Report report, CurrencyReport currency) {
        json.beginObject();
        json.name("currency").value(currency.currency());
        json.name("total").value(exact(currency.total()));
        json.name("dimensions").beginArray();
        report.dimensions().forEach(d -> json.value(d.label()));
        json.endArray();
        json.name("groups").beginArray();
        for (Group g : currency.groups()) {
            json.beginObject().name("keys").beginObject();
            for (int i = 0; i < report.dimensions().size(); i++) {
                json.name(report.dimensions().get(i).label()).value(g.keys().get(i));
            }
            json.endObject();
            json.name("cost").value(exact(g.cost()));
            json.name("usage").value(exact(g.tokens()));
            json.name("rows").value(g.rows());
            if (report.hasTime()) {
                json.name("incomplete").value(report.isIncomplete(g));
            }
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    private static BigDecimal exact(BigDecimal value) {
        return new BigDecimal(Amounts.exact(value));
    }
}
