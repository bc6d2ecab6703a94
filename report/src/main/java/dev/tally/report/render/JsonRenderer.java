package dev.tally.report.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.report.query.CurrencyReport;
import dev.tally.report.query.Group;
import dev.tally.report.query.Report;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code {"currency", "total", "dimensions", "groups": [{"keys", "cost", "usage", "rows"}]}}: one object, or
 * an array of them when the report holds more than one currency. Numbers are exact decimals.
 */
final class JsonRenderer implements Renderer {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            // The caller owns the writer: closing it here broke the trailing newline under --out FILE.
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public void render(Report report, Writer out) throws IOException {
        List<CurrencyReport> currencies = report.currenciesOrEmpty();
        if (currencies.size() == 1) {
            JSON.writeValue(out, currencyNode(report, currencies.get(0)));
        } else {
            ArrayNode array = JSON.createArrayNode();
            currencies.forEach(c -> array.add(currencyNode(report, c)));
            JSON.writeValue(out, array);
        }
        out.write('\n');
    }

    static ObjectNode currencyNode(Report report, CurrencyReport currency) {
        ObjectNode node = JSON.createObjectNode();
        node.put("currency", currency.currency());
        node.put("total", clean(currency.total()));
        ArrayNode dims = node.putArray("dimensions");
        report.dimensions().forEach(d -> dims.add(d.label()));
        ArrayNode groups = node.putArray("groups");
        for (Group g : currency.groups()) {
            ObjectNode group = groups.addObject();
            ObjectNode keys = group.putObject("keys");
            for (int i = 0; i < report.dimensions().size(); i++) {
                keys.put(report.dimensions().get(i).label(), g.keys().get(i));
            }
            group.put("cost", clean(g.cost()));
            group.put("usage", clean(g.tokens()));
            group.put("rows", g.rows());
        }
        return node;
    }

    private static BigDecimal clean(BigDecimal value) {
        return new BigDecimal(Amounts.exact(value));
    }
}
