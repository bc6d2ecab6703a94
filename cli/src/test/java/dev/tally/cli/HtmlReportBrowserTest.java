package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally report --format html} opened in real headless Chromium: what the browser shows after the
 * page's script ran must equal what {@code --format json} says about the same input, to the last digit.
 */
class HtmlReportBrowserTest {
    private static final Path SAMPLE =
            Path.of(System.getProperty("tally.shared", "../../shared"), "data", "focus-1.0-sample.csv");
    private static final Path SCREENSHOT = Path.of("target", "test-artifacts", "report.png");
    private static final int SERIES_GROUPS = 8;
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    static Path work;

    static HeadlessChromium chromium;
    static Path page;
    static Document dom;
    static JsonNode byService;

    @BeforeAll
    static void renderTheReportAndOpenItInChromium() throws Exception {
        assertThat(SAMPLE).as("the FOCUS sample in shared/data").isRegularFile();
        chromium = HeadlessChromium.installedOrInstall(work);
        page = work.resolve("report.html");
        assertThat(Tally.run(
                        "report",
                        SAMPLE.toString(),
                        "--all-services",
                        "--by",
                        "service",
                        "--format",
                        "html",
                        "--out",
                        page.toString()))
                .isZero();
        byService = json("--by", "service");
        dom = Jsoup.parse(chromium.dumpDom(page));
        chromium.screenshot(page, SCREENSHOT, 1280, 2000);
    }

    @Test
    void page_isSelfContainedAndItsScriptRan() throws IOException {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        // The SVG namespace is a name, not a fetch; nothing else may point outside the file.
        assertThat(html.replace("\"http://www.w3.org/2000/svg\"", ""))
                .doesNotContain("http://", "https://", "<link", "src=", "url(", "@import");
        assertThat(dom.body().attr("data-rendered")).isEqualTo("true");
        assertThat(dom.select("[data-testid=timeseries-chart]")).hasSize(1);
        assertThat(dom.select("[data-testid=legend] li")).isNotEmpty();
    }

    @Test
    void grandTotal_isTheJsonTotalExactly() {
        Element total = dom.selectFirst("[data-testid=grand-total]");
        assertThat(total).isNotNull();
        assertThat(total.attr("data-value")).isEqualTo(decimal(byService.get("total")));
        assertThat(total.attr("data-currency"))
                .isEqualTo(byService.get("currency").asText());
        assertThat(dom.selectFirst("[data-testid=total-row] td[data-column=cost]")
                        .attr("data-value"))
                .isEqualTo(decimal(byService.get("total")));
    }

    @Test
    void table_showsEveryJsonGroupWithItsExactCost() {
        Elements rows = dom.select("[data-testid=groups-table] tbody tr");
        JsonNode groups = byService.get("groups");
        assertThat(rows).hasSize(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            JsonNode group = groups.get(i);
            Element row = rows.get(i);
            assertThat(row.selectFirst("td[data-column=service]").text())
                    .isEqualTo(group.get("keys").get("service").asText());
            assertThat(row.selectFirst("td[data-column=cost]").attr("data-value"))
                    .isEqualTo(decimal(group.get("cost")));
            assertThat(row.selectFirst("td[data-column=line_items]").attr("data-value"))
                    .isEqualTo(group.get("rows").asText());
        }
        assertThat(dom.selectFirst("[data-testid=group-count]").text()).isEqualTo(Integer.toString(groups.size()));
    }

    @Test
    void chart_hasOneRectPerNonZeroDayAndGroup_withTheExactDailyCosts() throws Exception {
        // Independent of the chart's own series: the same input grouped by service and day, folded like the chart.
        List<String> top = new ArrayList<>();
        byService.get("groups").forEach(g -> {
            if (top.size() < SERIES_GROUPS) {
                top.add(g.get("keys").get("service").asText());
            }
        });
        Map<String, BigDecimal> expected = new HashMap<>();
        for (JsonNode g : json("--by", "service,day").get("groups")) {
            String service = g.get("keys").get("service").asText();
            String segment = (top.contains(service) ? service : "(other)") + " @ "
                    + g.get("keys").get("day").asText();
            expected.merge(segment, g.get("cost").decimalValue(), BigDecimal::add);
        }
        expected.values().removeIf(cost -> cost.signum() == 0);

        Elements rects = dom.select("svg[data-testid=timeseries-chart] rect");
        assertThat(rects).isNotEmpty();
        Map<String, String> shown = new LinkedHashMap<>();
        for (Element rect : rects) {
            shown.put(
                    rect.attr("data-series") + " @ " + rect.attr("data-day"),
                    plain(new BigDecimal(rect.attr("data-value"))));
            assertThat(Double.parseDouble(rect.attr("height"))).isPositive();
        }
        Map<String, String> wanted = new HashMap<>();
        expected.forEach((k, v) -> wanted.put(k, plain(v)));
        assertThat(rects).hasSize(expected.size());
        assertThat(shown).containsExactlyInAnyOrderEntriesOf(wanted);
        assertThat(dom.selectFirst("svg[data-testid=timeseries-chart]").attr("data-segments"))
                .isEqualTo(Integer.toString(expected.size()));
    }

    @Test
    void topGroups_areTheLargestJsonGroupsInOrder() {
        Elements bars = dom.select("[data-testid=top-groups] [data-testid=top-group]");
        JsonNode groups = byService.get("groups");
        assertThat(bars).hasSize(Math.min(10, groups.size())).isNotEmpty();
        for (int i = 0; i < bars.size(); i++) {
            assertThat(bars.get(i).selectFirst(".bar-name").text())
                    .isEqualTo(groups.get(i).get("keys").get("service").asText());
            assertThat(bars.get(i).attr("data-value"))
                    .isEqualTo(decimal(groups.get(i).get("cost")));
        }
        assertThat(bars.getFirst().selectFirst(".bar").attr("style")).contains("width:100");
    }

    @Test
    void untaggedShare_isTheJsonUntaggedProjectCostOverTheTotal() throws Exception {
        BigDecimal untagged = BigDecimal.ZERO;
        for (JsonNode g : json("--by", "tag:project").get("groups")) {
            if (g.get("keys").get("tag:project").asText().equals("(untagged)")) {
                untagged = g.get("cost").decimalValue();
            }
        }
        BigDecimal total = byService.get("total").decimalValue();
        Element share = dom.selectFirst("[data-testid=untagged-share]");
        assertThat(share.attr("data-tag")).isEqualTo("tag:project");
        assertThat(share.attr("data-untagged-cost")).isEqualTo(plain(untagged));
        assertThat(new BigDecimal(share.attr("data-value")))
                .isEqualByComparingTo(untagged.divide(total, 6, RoundingMode.HALF_EVEN));
        assertThat(share.text())
                .as("nearly all untagged still reads as less than all")
                .isEqualTo(">99.9%");
    }

    @Test
    void clickingTheCostHeaderTwice_sortsNumericallyAscending() throws Exception {
        Path clicked = work.resolve("clicked.html");
        String click =
                "<script>var b = document.querySelector('[data-testid=groups-table] th[data-column=cost] button'); b.click(); b.click();</script>";
        Files.writeString(
                clicked, Files.readString(page, StandardCharsets.UTF_8).replace("</body>", click + "</body>"));
        Document sorted = Jsoup.parse(chromium.dumpDom(clicked));

        assertThat(sorted.selectFirst("[data-testid=groups-table] th[data-column=cost]")
                        .attr("aria-sort"))
                .isEqualTo("ascending");
        List<BigDecimal> costs = sorted.select("[data-testid=groups-table] tbody td[data-column=cost]").stream()
                .map(td -> new BigDecimal(td.attr("data-value")))
                .toList();
        assertThat(costs).hasSize(byService.get("groups").size()).isSortedAccordingTo(BigDecimal::compareTo);
        assertThat(sorted.selectFirst("[data-testid=total-row] td[data-column=cost]")
                        .attr("data-value"))
                .isEqualTo(decimal(byService.get("total")));
    }

    @Test
    void screenshot_isKeptAsATestArtifact() throws IOException {
        assertThat(SCREENSHOT).isRegularFile();
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(png.length).isGreaterThan(20_000);
    }

    /** The same input through the JSON renderer path of the CLI. */
    private static JsonNode json(String... by) throws IOException {
        Path out = Files.createTempFile(work, "report-", ".json");
        List<String> args = new ArrayList<>(
                List.of("report", SAMPLE.toString(), "--all-services", "--format", "json", "--out", out.toString()));
        args.addAll(List.of(by));
        assertThat(Tally.run(args.toArray(String[]::new))).isZero();
        return JSON.readTree(out.toFile());
    }

    private static String decimal(JsonNode number) {
        return number.decimalValue().toPlainString();
    }

    private static String plain(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }
}
