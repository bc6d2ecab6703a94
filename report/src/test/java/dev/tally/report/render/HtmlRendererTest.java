package dev.tally.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.core.price.PriceCatalog;
import dev.tally.report.query.CurrencyReport;
import dev.tally.report.query.Dashboard;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Group;
import dev.tally.report.query.Report;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class HtmlRendererTest {
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String BREAKOUT = "</script><script>alert(2)</script>\u2028&amp;<!--";

    @Test
    void render_groupKeysTagValuesAndWarnings_areEscapedEverywhere() throws IOException {
        String html = render(report(
                List.of(Dimension.tag("<b>team</b>"), Dimension.parse("model")),
                List.of("a warning with " + SCRIPT),
                currency("USD", group("12.5", SCRIPT, BREAKOUT), group("0.25", "a\"b'c", "x"))));

        assertThat(html).doesNotContain(SCRIPT, "<b>team</b>", "alert(2)</script>");
        Document dom = Jsoup.parse(html);
        assertThat(dom.select("script"))
                .as("the data and the page script, nothing injected")
                .hasSize(2);
        assertThat(dom.selectFirst("[data-testid=warnings] li").text()).isEqualTo("a warning with " + SCRIPT);
        JsonNode data = data(dom);
        assertThat(data.get("dims").get(0).get("id").asText()).isEqualTo("tag:<b>team</b>");
        assertThat(data.get("currencies").get(0).get("values").get(1))
                .extracting(JsonNode::asText)
                .containsExactly(BREAKOUT, "x");
    }

    @Test
    void render_amounts_travelAsExactIntegersOfTheirScale_andBigOnesAsStrings() throws IOException {
        Document dom = Jsoup.parse(render(report(
                List.of(Dimension.parse("user")),
                List.of(),
                currency(
                        "USD",
                        group("123456789012.123456789012", "alice"),
                        group("0.000000000001", "bob"),
                        group("-3", "credit")))));

        JsonNode usd = data(dom).get("currencies").get(0);
        int scale = usd.get("scale").asInt();
        assertThat(scale).isEqualTo(12);
        assertThat(usd.get("rows").get(0).get(1).isTextual())
                .as("past 2^53: a string")
                .isTrue();
        assertThat(new BigDecimal(new BigInteger(usd.get("rows").get(0).get(1).asText()), scale))
                .isEqualByComparingTo("123456789012.123456789012");
        assertThat(usd.get("rows").get(1).get(1).asLong()).isEqualTo(1);
        assertThat(usd.get("rows").get(2).get(1).asLong()).isEqualTo(-3_000_000_000_000L);
    }

    @Test
    void render_saysWhatThePageWasMadeFrom() throws IOException {
        Report view = report(
                List.of(Dimension.parse("user"), Dimension.parse("day")),
                List.of(),
                currency("USD", group("1", "alice", "2026-10-01"), group("2", "bob", "2026-10-31")));
        StringWriter out = new StringWriter();
        HtmlRenderer.of(
                        Dashboard.of(view),
                        new Provenance(
                                List.of("exports/cur.parquet"),
                                "--by user,day",
                                Instant.parse("2026-11-02T10:15:00Z"),
                                "1.2.3"),
                        PriceCatalog.builtIn())
                .render(view, out);
        Document dom = Jsoup.parse(out.toString());

        assertThat(dom.selectFirst("[data-testid=about-inputs]").text()).isEqualTo("exports/cur.parquet");
        assertThat(dom.selectFirst("[data-testid=about-options]").text()).isEqualTo("--by user,day");
        assertThat(dom.selectFirst("[data-testid=about-period]").text()).isEqualTo("2026-10-01 to 2026-10-31");
        assertThat(dom.selectFirst("[data-testid=about-made]").text()).isEqualTo("2026-11-02 10:15 UTC by Tally 1.2.3");
        assertThat(data(dom).get("madeOn").asText()).isEqualTo("2026-11-02");
        assertThat(data(dom).get("first")).extracting(JsonNode::asText).containsExactly("user", "day");
    }

    @Test
    void render_monthKeys_areDatesOnThePagesTimeAxis() throws IOException {
        Document dom = Jsoup.parse(
                render(report(List.of(Dimension.parse("month")), List.of(), currency("USD", group("1", "2026-10")))));

        JsonNode data = data(dom);
        assertThat(data.get("finest").asText()).isEqualTo("month");
        assertThat(data.get("currencies").get(0).get("values").get(0).get(0).asText())
                .isEqualTo("2026-10-01");
    }

    @Test
    void page_namesNoAddressButTheSvgNamespace_andForbidsTheNetwork() throws IOException {
        String html = render(report(List.of(Dimension.parse("user")), List.of(), currency("USD", group("1", "a"))));

        assertThat(html.replace("\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http://", "https://");
        assertThat(Jsoup.parse(html)
                        .selectFirst("meta[http-equiv=Content-Security-Policy]")
                        .attr("content"))
                .startsWith("default-src 'none';");
    }

    private static JsonNode data(Document dom) throws IOException {
        return new ObjectMapper().readTree(dom.selectFirst("script#tally-data").data());
    }

    private static String render(Report report) throws IOException {
        StringWriter out = new StringWriter();
        Renderer.forFormat(OutputFormat.HTML).render(report, out);
        return out.toString();
    }

    private static Report report(List<Dimension> dimensions, List<String> warnings, CurrencyReport... currencies) {
        return new Report(dimensions, false, List.of(currencies), "tag:project", warnings);
    }

    private static Group group(String cost, String... keys) {
        return new Group(List.of(keys), new BigDecimal(cost), BigDecimal.ZERO, BigDecimal.ZERO, 1);
    }

    private static CurrencyReport currency(String code, Group... groups) {
        BigDecimal total = BigDecimal.ZERO;
        for (Group g : groups) {
            total = total.add(g.cost());
        }
        return new CurrencyReport(code, total, List.of(groups), BigDecimal.ZERO, Map.of());
    }
}
