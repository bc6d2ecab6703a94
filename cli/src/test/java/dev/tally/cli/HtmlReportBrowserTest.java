package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.report.query.CurrencyReport;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Group;
import dev.tally.report.query.Report;
import dev.tally.report.render.OutputFormat;
import dev.tally.report.render.Renderer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of {@code tally report --format html} driven in real headless Chromium: its controls switch the
 * grouping, clicks drill down two levels, and every total the browser then shows equals what a separate {@code
 * tally report --format json} run says for the same {@code --by} and {@code --where}, to the last digit.
 */
class HtmlReportBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** Finds a control by the text it shows and acts on it, as a person would. */
    private static final String ACTIONS = "<script>\n"
            + "function pick(id, text) { var s = document.getElementById(id);"
            + " var o = Array.prototype.find.call(s.options, function (o) { return o.textContent === text; });"
            + " if (!o) { throw new Error('no option ' + text); } s.value = o.value; s.dispatchEvent(new Event('change')); }\n"
            + "function drill(key) { var td = Array.prototype.find.call(document.querySelectorAll('[data-testid=group-row] td.key'),"
            + " function (td) { return td.getAttribute('data-key') === key; }); td.querySelector('button').click(); }\n"
            + "function grain(name) { document.querySelector('[data-testid=grain] button[data-grain=' + name + ']').click(); }\n";

    @TempDir
    static Path work;

    static HeadlessChromium chromium;
    static Path export;
    static Path page;
    static String html;

    @BeforeAll
    static void writeAnExportAndItsPage() throws Exception {
        chromium = HeadlessChromium.installedOrInstall(work);
        export = work.resolve("cur.parquet");
        assertThat(Tally.run(
                        "sample",
                        "cur",
                        "--rows",
                        "6000",
                        "--seed",
                        "16",
                        "--month",
                        "2026-10",
                        "--out",
                        export.toString()))
                .isZero();
        page = work.resolve("page.html");
        assertThat(Tally.run("report", export.toString(), "--format", "html", "--out", page.toString()))
                .isZero();
        html = Files.readString(page, StandardCharsets.UTF_8);
    }

    @Test
    void defaultView_isTheDefaultJsonReport_andTheCardsReadIt() throws Exception {
        Document dom = open("default", "");
        JsonNode json = json();
        assertThat(dom.body().attr("data-rendered")).isEqualTo("true");
        assertThat(selectedText(dom, "by0")).isEqualTo("Project");
        assertSameGroups(dom, json);
        assertThat(dom.select("[data-testid=timeseries-chart] rect")).isNotEmpty();
        assertThat(dom.selectFirst("[data-testid=untagged-share]").attr("data-untagged-cost"))
                .isEqualTo(untagged(json, "tag:project"));
        assertThat(dom.selectFirst("[data-testid=cache]"))
                .as("the sample has cache tokens")
                .isNotNull();
        assertThat(dom.selectFirst("[data-testid=change]")).isNotNull();
        assertThat(dom.selectFirst("[data-testid=top-mover]")).isNotNull();
        screenshot("default", "", 1400, 2000);
        screenshot("phone", "", 390, 2400);
        Path dark = work.resolve("dark-shot.html");
        Files.writeString(dark, html);
        chromium.screenshotDark(dark, SCREENSHOTS.resolve("dark.png"), 1400, 1600);
    }

    @Test
    void groupingByTwoDimensions_isTheJsonReportByBoth() throws Exception {
        Document dom = open("two", "pick('by0', 'Model'); pick('by1', 'Token type');");
        assertThat(selectedText(dom, "by0")).isEqualTo("Model");
        assertThat(selectedText(dom, "by1")).isEqualTo("Token type");
        assertSameGroups(dom, json("--by", "model,token-type"));
    }

    @Test
    void drillingDownTwoLevels_isTheJsonReportWithBothFilters() throws Exception {
        JsonNode byProject = json("--by", "tag:project");
        String project = firstTagged(byProject, "tag:project");
        JsonNode byUser = json("--by", "user", "--where", "tag:project=" + project);
        String user = byUser.get("groups").get(0).get("keys").get("user").asText();
        String clicks = "drill(" + js(project) + "); drill(" + js(user) + ");";

        Document dom = open("drill", clicks);
        assertThat(dom.select("[data-testid=crumb]").eachAttr("data-value")).containsExactly(project, user);
        assertThat(dom.select("[data-testid=crumb]").eachAttr("data-dim")).containsExactly("tag:project", "user");
        assertThat(selectedText(dom, "by0")).isEqualTo("Model");
        assertSameGroups(dom, json("--by", "model", "--where", "tag:project=" + project, "--where", "user=" + user));
        screenshot("drill-down", clicks, 1400, 1800);

        Document back = open("crumb", clicks + " document.querySelector('[data-testid=crumb]').click();");
        assertThat(back.select("[data-testid=crumb]").eachAttr("data-value")).containsExactly(user);
        assertSameGroups(back, json("--by", "model", "--where", "user=" + user));
    }

    @Test
    void timeGrain_isAnAxisInDateOrder_asTheJsonReportOrdersIt() throws Exception {
        Document dom = open("weeks", "pick('by0', 'Time (day)'); grain('week');");
        assertThat(dom.selectFirst("[data-testid=grain] button[aria-pressed=true]")
                        .text())
                .isEqualTo("Week");
        JsonNode byWeek = json("--by", "week");
        assertSameGroups(dom, byWeek);
        List<String> weeks = dom.select("[data-testid=group-row] td.key").eachAttr("data-key");
        assertThat(weeks).isSorted().hasSizeGreaterThan(3);
        assertThat(dom.select("[data-testid=timeseries-chart] rect[class*=c-time]"))
                .hasSameSizeAs(weeks);
    }

    @Test
    void page_isSelfContained_forbidsTheNetwork_andMakesNoRequest() throws Exception {
        assertThat(html.replace("\"http://www.w3.org/2000/svg\"", ""))
                .doesNotContain("http://", "https://", "<link", "src=", "url(", "@import");
        Element csp = Jsoup.parse(html).selectFirst("meta[http-equiv=Content-Security-Policy]");
        assertThat(csp).isNotNull();
        assertThat(csp.attr("content")).startsWith("default-src 'none';").doesNotContain("connect-src", "http");
        Document dom = Jsoup.parse(chromium.dumpDom(page, work.resolve("net-log.json")));
        assertThat(dom.body().attr("data-rendered")).isEqualTo("true");
        assertThat(pageRequests(work.resolve("net-log.json"))).isEmpty();

        // The log does show what a page asks for: the same check sees a page without the policy load an image.
        Path leaky = work.resolve("leaky.html");
        Files.writeString(leaky, "<!DOCTYPE html><p>x</p><img src=\"http://127.0.0.1:9/pixel.png\">");
        chromium.dumpDom(leaky, work.resolve("leaky-net-log.json"));
        assertThat(pageRequests(work.resolve("leaky-net-log.json"))).containsExactly("http://127.0.0.1:9/pixel.png");
        assertThat(Files.size(page)).isLessThan(5_000_000);
    }

    @Test
    void page_saysWhatItWasMadeFrom() {
        Document dom = Jsoup.parse(html);
        assertThat(dom.selectFirst("[data-testid=about-inputs]").text()).isEqualTo(export.toString());
        assertThat(dom.selectFirst("[data-testid=about-period]").text()).isEqualTo("2026-10-01 to 2026-10-31");
        assertThat(dom.selectFirst("[data-testid=about-made]").text()).contains("UTC by Tally " + Version.current());
    }

    @Test
    void csvExport_offersTheTagsItsJsonMapsHold_andParquetTheTagsItsDictionariesHold() throws Exception {
        Path csv = work.resolve("cur.csv");
        assertThat(Tally.run("sample", "cur", "--rows", "800", "--seed", "3", "--out", csv.toString()))
                .isZero();
        Path csvPage = work.resolve("csv.html");
        assertThat(Tally.run("report", csv.toString(), "--format", "html", "--out", csvPage.toString()))
                .isZero();
        List<String> fromCsv = dimensionIds(Files.readString(csvPage, StandardCharsets.UTF_8));
        assertThat(fromCsv).startsWith("tag:project", "tag:team").contains("tag:cost-center", "user", "model", "day");
        assertThat(dimensionIds(html)).isEqualTo(fromCsv);
    }

    @Test
    void aReportWithoutTime_asCostExplorerGivesIt_rendersWithoutAChart() throws Exception {
        Report byService = new Report(
                List.of(Dimension.parse("service")),
                false,
                List.of(new CurrencyReport(
                        "EUR",
                        new BigDecimal("3.5"),
                        List.of(new Group(
                                List.of("Amazon Bedrock"), new BigDecimal("3.5"), BigDecimal.ZERO, BigDecimal.ZERO, 2)),
                        BigDecimal.ZERO,
                        java.util.Map.of())),
                "tag:project",
                List.of());
        Path noTime = work.resolve("no-time.html");
        try (var out = Files.newBufferedWriter(noTime, StandardCharsets.UTF_8)) {
            Renderer.forFormat(OutputFormat.HTML).render(byService, out);
        }
        Document dom = Jsoup.parse(chromium.dumpDom(noTime));
        assertThat(dom.body().attr("data-rendered")).isEqualTo("true");
        assertThat(dom.selectFirst("[data-testid=view-total]").attr("data-value"))
                .isEqualTo("3.5");
        assertThat(dom.selectFirst("[data-testid=view-total]").text()).isEqualTo("\u20ac3.50");
        assertThat(dom.select("[data-testid=grain] button[disabled]")).hasSize(3);
    }

    private static List<String> dimensionIds(String page) throws IOException {
        JsonNode data =
                JSON.readTree(Jsoup.parse(page).selectFirst("script#tally-data").data());
        List<String> ids = new ArrayList<>();
        data.get("dims").forEach(d -> ids.add(d.get("id").asText()));
        return ids;
    }

    /**
     * The requests a page started, from Chromium's network log: the browser's own (updates, time, accounts) have no
     * origin as their initiator and are left out.
     */
    private static List<String> pageRequests(Path netLog) throws IOException {
        JsonNode log = JSON.readTree(netLog.toFile());
        int start = log.get("constants")
                .get("logEventTypes")
                .get("URL_REQUEST_START_JOB")
                .asInt();
        List<String> urls = new ArrayList<>();
        for (JsonNode event : log.get("events")) {
            JsonNode params = event.get("params");
            if (event.get("type").asInt() == start
                    && params != null
                    && params.has("url")
                    && !params.path("initiator").asText().equals("not an origin")) {
                urls.add(params.get("url").asText());
            }
        }
        return urls;
    }

    private static Document open(String name, String script) throws Exception {
        Path acted = work.resolve(name + ".html");
        Files.writeString(acted, html.replace("</body>", ACTIONS + script + "\n</script></body>"));
        return Jsoup.parse(chromium.dumpDom(acted));
    }

    private static void screenshot(String name, String script, int width, int height) throws Exception {
        Path acted = work.resolve(name + "-shot.html");
        Files.writeString(acted, html.replace("</body>", ACTIONS + script + "\n</script></body>"));
        chromium.screenshot(acted, SCREENSHOTS.resolve(name + ".png"), width, height);
        assertThat(Files.size(SCREENSHOTS.resolve(name + ".png"))).isGreaterThan(10_000);
    }

    /** Every group the browser shows, in order, with its keys and exact cost, and the total: as the JSON report has them. */
    private static void assertSameGroups(Document dom, JsonNode json) {
        List<String> shown = new ArrayList<>();
        for (Element row : dom.select("[data-testid=group-row]")) {
            List<String> cells = new ArrayList<>(row.select("td.key").eachAttr("data-key"));
            cells.add(row.selectFirst("td[data-column=cost]").attr("data-value"));
            cells.add(row.selectFirst("td[data-column=line_items]").attr("data-value"));
            shown.add(String.join(" | ", cells));
        }
        List<String> wanted = new ArrayList<>();
        for (JsonNode g : json.get("groups")) {
            List<String> cells = new ArrayList<>();
            g.get("keys").forEach(k -> cells.add(k.asText()));
            cells.add(plain(g.get("cost").decimalValue()));
            cells.add(g.get("rows").asText());
            wanted.add(String.join(" | ", cells));
        }
        assertThat(shown).isNotEmpty().containsExactlyElementsOf(wanted);
        String total = plain(json.get("total").decimalValue());
        assertThat(dom.selectFirst("[data-testid=view-total]").attr("data-value"))
                .isEqualTo(total);
        assertThat(dom.selectFirst("[data-testid=total-row] td[data-column=cost]")
                        .attr("data-value"))
                .isEqualTo(total);
    }

    private static String selectedText(Document dom, String id) {
        return dom.selectFirst("#" + id + " option[selected]").text();
    }

    /** A separate run of the command with the JSON renderer. */
    private static JsonNode json(String... options) throws IOException {
        Path out = Files.createTempFile(work, "report-", ".json");
        List<String> args =
                new ArrayList<>(List.of("report", export.toString(), "--format", "json", "--out", out.toString()));
        args.addAll(List.of(options));
        assertThat(Tally.run(args.toArray(String[]::new))).isZero();
        return JSON.readTree(out.toFile());
    }

    private static String untagged(JsonNode json, String tag) {
        for (JsonNode g : json.get("groups")) {
            if (g.get("keys").get(tag).asText().equals("(untagged)")) {
                return plain(g.get("cost").decimalValue());
            }
        }
        return "0";
    }

    private static String firstTagged(JsonNode json, String tag) {
        for (JsonNode g : json.get("groups")) {
            if (!g.get("keys").get(tag).asText().equals("(untagged)")) {
                return g.get("keys").get(tag).asText();
            }
        }
        throw new AssertionError("no tagged group in " + json);
    }

    private static String js(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String plain(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }
}
