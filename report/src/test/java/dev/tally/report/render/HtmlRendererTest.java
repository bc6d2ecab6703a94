package dev.tally.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.report.query.CurrencyReport;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Group;
import dev.tally.report.query.Report;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class HtmlRendererTest {
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String BREAKOUT = "</script><script>alert(2)</script>\u2028&amp;<!--";

    @Test
    void render_groupKeysTagValuesAndLabels_areEscapedEverywhere() throws IOException {
        String html = render(report(
                List.of(Dimension.tag("<b>team</b>"), Dimension.parse("model")),
                currency("USD", group("12.5", SCRIPT, BREAKOUT), group("0.25", "a\"b'c", "x"))));

        assertThat(html).doesNotContain(SCRIPT, "<b>team</b>", "alert(2)</script>", "a\"b'c");
        assertThat(html)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "tag:&lt;b&gt;team&lt;/b&gt;", "a&quot;b&#39;c");
        Document dom = Jsoup.parse(html);
        assertThat(dom.select("script"))
                .as("the chart data and the page script, nothing injected")
                .hasSize(2);
        assertThat(dom.select("[data-testid=groups-table] tbody td[data-column=tag:<b>team</b>]")
                        .eachText())
                .containsExactly(SCRIPT, "a\"b'c");
        assertThat(dom.select("[data-testid=top-group] .bar-name").eachText())
                .containsExactly(SCRIPT + " / " + BREAKOUT, "a\"b'c / x");
    }

    @Test
    void render_chartData_isJsonThatParsesBackToTheExactNames() throws IOException {
        String html = render(report(List.of(Dimension.parse("user")), currency("USD", group("3", SCRIPT + BREAKOUT))));

        String data = Jsoup.parse(html).selectFirst("script.chart-data").data();
        assertThat(data).doesNotContain("<", ">", "&", "\u2028").contains("\\u003c/script\\u003e", "\\u2028");
        JsonNode chart = new ObjectMapper().readTree(data);
        assertThat(chart.get("series").get(0).get("name").asText()).isEqualTo(SCRIPT + BREAKOUT);
        assertThat(chart.get("series").get(0).get("values").get(0).asText()).isEqualTo("3");
        assertThat(chart.get("days").get(0).asText()).isEqualTo("2026-11-01");
    }

    @Test
    void render_severalCurrencies_oneSectionEachWithItsExactTotal() throws IOException {
        String html = render(report(
                List.of(Dimension.parse("user")),
                currency("USD", group("1.10", "alice")),
                currency("EUR", group("0.000000123", "bob"))));

        Document dom = Jsoup.parse(html);
        assertThat(dom.select("[data-testid=currency-section]").eachAttr("data-currency"))
                .containsExactly("USD", "EUR");
        assertThat(dom.select("[data-testid=grand-total]").eachAttr("data-value"))
                .containsExactly("1.1", "0.000000123");
        assertThat(dom.select("[data-testid=groups-table] td[data-column=cost]").eachAttr("data-value"))
                .containsExactly("1.1", "1.1", "0.000000123", "0.000000123");
    }

    @Test
    void render_topGroups_shareTheChartColours_andTheFoldedRestIsGrey() throws IOException {
        CurrencyReport usd = currency("USD", group("5", "alice", "x"), group("1", Group.OTHER, Group.OTHER));
        Map<String, java.util.SortedMap<LocalDate, BigDecimal>> series = Map.of(
                "alice / x",
                new TreeMap<>(Map.of(LocalDate.of(2026, 11, 1), new BigDecimal("5"))),
                Group.OTHER,
                new TreeMap<>(Map.of(LocalDate.of(2026, 11, 2), BigDecimal.ONE)));
        usd = new CurrencyReport("USD", usd.total(), usd.groups(), BigDecimal.ZERO, series);

        Document dom = Jsoup.parse(render(report(List.of(Dimension.parse("user"), Dimension.parse("model")), usd)));
        assertThat(dom.select("[data-testid=top-group] .bar").eachAttr("class"))
                .containsExactly("bar c0", "bar c-other");
        assertThat(dom.selectFirst("[data-testid=untagged-share]").attr("data-value"))
                .isEqualTo("0.000000");
    }

    @Test
    void percent_neverRoundsSomeToNoneOrMostToAll() {
        assertThat(HtmlRenderer.percent(new BigDecimal("0.000001"))).isEqualTo("&lt;0.1%");
        assertThat(HtmlRenderer.percent(new BigDecimal("0.999987"))).isEqualTo("&gt;99.9%");
        assertThat(HtmlRenderer.percent(BigDecimal.ONE)).isEqualTo("100.0%");
        assertThat(HtmlRenderer.percent(BigDecimal.ZERO)).isEqualTo("0.0%");
        assertThat(HtmlRenderer.percent(new BigDecimal("0.25"))).isEqualTo("25.0%");
    }

    private static String render(Report report) throws IOException {
        StringWriter out = new StringWriter();
        new HtmlRenderer().render(report, out);
        return out.toString();
    }

    private static Report report(List<Dimension> dimensions, CurrencyReport... currencies) {
        return new Report(dimensions, false, List.of(currencies), "tag:project", List.of());
    }

    private static Group group(String cost, String... keys) {
        return new Group(List.of(keys), new BigDecimal(cost), BigDecimal.ZERO, BigDecimal.ZERO, 1);
    }

    /** A currency whose groups all spent their cost on one day. */
    private static CurrencyReport currency(String code, Group... groups) {
        BigDecimal total = BigDecimal.ZERO;
        Map<String, java.util.SortedMap<LocalDate, BigDecimal>> series = new java.util.HashMap<>();
        for (Group g : groups) {
            total = total.add(g.cost());
            series.put(String.join(" / ", g.keys()), new TreeMap<>(Map.of(LocalDate.of(2026, 11, 1), g.cost())));
        }
        return new CurrencyReport(code, total, List.of(groups), total, series);
    }
}
