package dev.tally.report.render;

import dev.tally.core.io.JsonWriter;
import dev.tally.report.query.CurrencyReport;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Group;
import dev.tally.report.query.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One self-contained HTML page that opens with no network: per currency a summary, a chart of cost per day
 * stacked by the top groups, the top groups as bars and a sortable table. The page, its CSS and its
 * hand-written script live in {@code report.html}; this class fills in the data. Every number a test or a
 * script reads is exact in a {@code data-value} attribute; what people read is rounded like the terminal table.
 */
final class HtmlRenderer implements Renderer {
    private static final int TOP_BARS = 10;
    /** Beyond this many days the chart shows only the days that have cost, instead of every calendar day. */
    private static final int MAX_FILLED_DAYS = 400;

    private static final List<String> TEMPLATE = template();

    @Override
    public void render(Report report, Writer out) throws IOException {
        List<CurrencyReport> currencies = report.currenciesOrEmpty();
        String dimensions = report.dimensions().stream().map(Dimension::label).collect(Collectors.joining(", "));
        StringBuilder body = new StringBuilder();
        for (CurrencyReport currency : currencies) {
            section(body, report, currency, dimensions);
        }
        Map<String, String> slots = Map.of("title", escape("Spend by " + dimensions), "body", body.toString());
        for (int i = 0; i < TEMPLATE.size(); i++) {
            out.write(i % 2 == 0 ? TEMPLATE.get(i) : slots.get(TEMPLATE.get(i)));
        }
    }

    private static void section(StringBuilder b, Report report, CurrencyReport currency, String dimensions) {
        String code = escape(currency.currency());
        List<String> seriesOrder = seriesOrder(currency);
        List<LocalDate> days = days(currency);
        b.append("<section class=\"currency\" data-testid=\"currency-section\" data-currency=\"")
                .append(code)
                .append("\">\n");
        b.append("<h2>Spend by ")
                .append(escape(dimensions))
                .append(" <span class=\"muted\">in ")
                .append(code)
                .append("</span></h2>\n");
        summary(b, report, currency, dimensions, days);
        b.append("<h3>Cost per day</h3>\n<figure class=\"chart\" data-testid=\"timeseries\">\n");
        b.append("<script type=\"application/json\" class=\"chart-data\">")
                .append(chartJson(currency, seriesOrder, days))
                .append("</script>\n");
        b.append(
                "<div class=\"chart-canvas\"><noscript>The chart needs JavaScript; the table below has every number.</noscript></div>\n");
        b.append("<ul class=\"legend\" data-testid=\"legend\"></ul>\n</figure>\n");
        topGroups(b, currency, seriesOrder);
        table(b, report, currency);
        b.append("</section>\n");
    }

    private static void summary(
            StringBuilder b, Report report, CurrencyReport currency, String dimensions, List<LocalDate> days) {
        BigDecimal total = currency.total();
        BigDecimal share = total.signum() == 0
                ? BigDecimal.ZERO
                : currency.untaggedCost().divide(total, 6, RoundingMode.HALF_EVEN);
        b.append("<div class=\"cards\">\n");
        card(
                b,
                "Total",
                "<span data-testid=\"grand-total\" data-value=\"" + Amounts.exact(total) + "\" data-currency=\""
                        + escape(currency.currency()) + "\">" + Amounts.money(total) + "</span> <span class=\"unit\">"
                        + escape(currency.currency())
                        + "</span>",
                days.isEmpty() ? "" : days.getFirst() + " to " + days.getLast());
        card(
                b,
                "Groups",
                "<span data-testid=\"group-count\">" + currency.groups().size() + "</span>",
                "by <span data-testid=\"dimensions\">" + escape(dimensions) + "</span>");
        card(
                b,
                "Untagged",
                "<span data-testid=\"untagged-share\" data-value=\"" + share.toPlainString()
                        + "\" data-untagged-cost=\""
                        + Amounts.exact(currency.untaggedCost()) + "\" data-tag=\"" + escape(report.untaggedTag())
                        + "\">"
                        + percent(share) + "</span>",
                Amounts.money(currency.untaggedCost()) + " " + escape(currency.currency()) + " without "
                        + escape(report.untaggedTag()));
        b.append("</div>\n");
    }

    /** One decimal, but a little untagged spend never reads as 0.0% and a little tagged spend never as 100.0%. */
    static String percent(BigDecimal share) {
        BigDecimal shown = share.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN);
        if (shown.signum() == 0 && share.signum() > 0) {
            return "&lt;0.1%";
        }
        if (shown.compareTo(BigDecimal.valueOf(100)) == 0 && share.compareTo(BigDecimal.ONE) < 0) {
            return "&gt;99.9%";
        }
        return shown.toPlainString() + "%";
    }

    private static void card(StringBuilder b, String label, String valueHtml, String noteHtml) {
        b.append("<div class=\"card\"><div class=\"card-label\">")
                .append(label)
                .append("</div><div class=\"card-value\">")
                .append(valueHtml)
                .append("</div><div class=\"card-note\">")
                .append(noteHtml)
                .append("</div></div>\n");
    }

    private static void topGroups(StringBuilder b, CurrencyReport currency, List<String> seriesOrder) {
        List<Group> top = currency.groups()
                .subList(0, Math.min(TOP_BARS, currency.groups().size()));
        BigDecimal max = top.stream()
                .map(Group::cost)
                .max(Comparator.naturalOrder())
                .filter(m -> m.signum() > 0)
                .orElse(BigDecimal.ONE);
        b.append("<h3>Top groups</h3>\n<ol class=\"bars\" data-testid=\"top-groups\">\n");
        for (Group g : top) {
            String name = String.join(" / ", g.keys());
            BigDecimal width = g.cost().signum() <= 0
                    ? BigDecimal.ZERO
                    : g.cost().multiply(BigDecimal.valueOf(100)).divide(max, 2, RoundingMode.HALF_EVEN);
            b.append("<li data-testid=\"top-group\" data-value=\"")
                    .append(Amounts.exact(g.cost()))
                    .append("\"><span class=\"bar-name\" title=\"")
                    .append(escape(name))
                    .append("\">")
                    .append(escape(name))
                    .append("</span><span class=\"bar-track\"><span class=\"bar ")
                    .append(colorClass(
                            seriesOrder, g.keys().stream().allMatch(Group.OTHER::equals) ? Group.OTHER : name))
                    .append("\" style=\"width:")
                    .append(width.toPlainString())
                    .append("%\"></span></span><span class=\"bar-amount\">")
                    .append(Amounts.money(g.cost()))
                    .append("</span></li>\n");
        }
        if (top.isEmpty()) {
            b.append("<li class=\"empty\">No spend matched.</li>\n");
        }
        b.append("</ol>\n");
    }

    private static void table(StringBuilder b, Report report, CurrencyReport currency) {
        Table shown = Table.of(report, currency, false);
        Table exact = Table.of(report, currency, true);
        b.append(
                "<h3>All groups</h3>\n<div class=\"table-wrap\"><table class=\"groups\" data-testid=\"groups-table\">\n<thead><tr>");
        for (int i = 0; i < shown.header().size(); i++) {
            String column = escape(shown.header().get(i));
            b.append("<th scope=\"col\" data-column=\"")
                    .append(column)
                    .append("\" data-type=\"")
                    .append(shown.numeric()[i] ? "number" : "text")
                    .append(shown.numeric()[i] ? "\" class=\"num\"" : "\"")
                    .append("><button type=\"button\">")
                    .append(column)
                    .append("</button></th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < shown.rows().size(); r++) {
            b.append("<tr data-index=\"").append(r).append("\">");
            cells(b, shown, shown.rows().get(r), exact.rows().get(r));
            b.append("</tr>\n");
        }
        b.append("</tbody>\n<tfoot><tr data-testid=\"total-row\">");
        cells(b, shown, shown.total(), exact.total());
        b.append("</tr></tfoot>\n</table></div>\n");
    }

    private static void cells(StringBuilder b, Table table, List<String> shown, List<String> exact) {
        for (int i = 0; i < shown.size(); i++) {
            b.append("<td data-column=\"").append(escape(table.header().get(i))).append('"');
            if (table.numeric()[i]) {
                b.append(" class=\"num\"");
                if (!exact.get(i).isEmpty()) {
                    b.append(" data-value=\"").append(escape(exact.get(i))).append('"');
                }
            }
            b.append('>').append(escape(shown.get(i))).append("</td>");
        }
    }

    /** The chart's series, largest first and (other) last, so colours follow the order of the groups. */
    private static List<String> seriesOrder(CurrencyReport currency) {
        Comparator<Map.Entry<String, SortedMap<LocalDate, BigDecimal>>> bySum =
                Comparator.comparing(e -> e.getValue().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        return currency.series().entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, SortedMap<LocalDate, BigDecimal>>, Boolean>comparing(
                                e -> e.getKey().equals(Group.OTHER))
                        .thenComparing(bySum.reversed())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Every calendar day from the first to the last with cost, so gaps show as gaps. */
    private static List<LocalDate> days(CurrencyReport currency) {
        TreeSet<LocalDate> seen = new TreeSet<>();
        currency.series().values().forEach(s -> seen.addAll(s.keySet()));
        if (seen.isEmpty() || ChronoUnit.DAYS.between(seen.first(), seen.last()) >= MAX_FILLED_DAYS) {
            return List.copyOf(seen);
        }
        return seen.first().datesUntil(seen.last().plusDays(1)).toList();
    }

    private static String chartJson(CurrencyReport currency, List<String> seriesOrder, List<LocalDate> days) {
        JsonWriter json = JsonWriter.compact().beginObject();
        json.name("currency").value(currency.currency());
        json.name("days").beginArray();
        days.forEach(d -> json.value(d.toString()));
        json.endArray();
        json.name("series").beginArray();
        for (String name : seriesOrder) {
            json.beginObject();
            json.name("name").value(name);
            json.name("color").value(colorClass(seriesOrder, name));
            json.name("values").beginArray();
            SortedMap<LocalDate, BigDecimal> costs = currency.series().get(name);
            days.forEach(d -> json.value(Amounts.exact(costs.getOrDefault(d, BigDecimal.ZERO))));
            json.endArray().endObject();
        }
        return scriptSafe(json.endArray().endObject().toString());
    }

    private static String colorClass(List<String> seriesOrder, String name) {
        int index = seriesOrder.indexOf(name);
        return name.equals(Group.OTHER) && index >= 0 ? "c-other" : index >= 0 ? "c" + index : "c-none";
    }

    /** Text and attribute values: group keys and tag values come from the bill and may hold anything. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * JSON inside a script element: {@code </script>} or {@code <!--} in a value would end or change the element,
     * and U+2028/2029 end a line in older JavaScript. Each becomes a JSON escape, which parses to the same string.
     */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026")
                .replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
    }

    private static List<String> template() {
        try (InputStream in = HtmlRenderer.class.getResourceAsStream("report.html")) {
            if (in == null) {
                throw new IllegalStateException("report.html is missing from the classpath");
            }
            String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Literal text at even indices, slot names at odd ones: filled in one pass, so data is never re-scanned.
            List<String> parts = new ArrayList<>();
            Matcher slot = Pattern.compile("\\{\\{(title|body)}}").matcher(page);
            int at = 0;
            while (slot.find()) {
                parts.add(page.substring(at, slot.start()));
                parts.add(slot.group(1));
                at = slot.end();
            }
            parts.add(page.substring(at));
            return List.copyOf(parts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
