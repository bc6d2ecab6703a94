package dev.tally.report.render;

import static java.util.Objects.requireNonNull;

import dev.tally.core.io.JsonWriter;
import dev.tally.core.price.PriceCatalog;
import dev.tally.core.usage.PricingModel;
import dev.tally.core.usage.TokenType;
import dev.tally.report.query.CurrencyReport;
import dev.tally.report.query.Dashboard;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Group;
import dev.tally.report.query.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One self-contained HTML page that opens with no network and answers the next question itself: the data aggregated
 * by every dimension ({@link Dashboard#data()}) travel in the page as exact integers (units of 10^-scale, summed by
 * the page's script with {@code BigInt}), and the script groups, filters and charts them. The page, its CSS and its
 * hand-written script live in {@code report.html}; this class fills in the data and what the page was made from.
 */
public final class HtmlRenderer implements Renderer {
    /** Past this many digits an integer is no longer exact as a JavaScript number: it travels as a string. */
    private static final BigInteger SAFE_INTEGER = BigInteger.valueOf(9_007_199_254_740_991L);

    private static final List<String> TEMPLATE = template();

    /** The dashboard to show for the report handed to {@link #render}: its own, or one made with it. */
    private final Function<Report, Dashboard> dashboard;

    private final Provenance provenance;
    private final PriceCatalog prices;

    private HtmlRenderer(Function<Report, Dashboard> dashboard, Provenance provenance, PriceCatalog prices) {
        this.dashboard = requireNonNull(dashboard, "dashboard is null");
        this.provenance = requireNonNull(provenance, "provenance is null");
        this.prices = requireNonNull(prices, "prices is null");
    }

    /**
     * The dashboard of {@code tally report}: its data, where they came from, the prices cache savings are at. It is
     * rendered for its own view, whatever report {@link #render} is handed.
     */
    public static HtmlRenderer of(Dashboard dashboard, Provenance provenance, PriceCatalog prices) {
        requireNonNull(dashboard, "dashboard is null");
        return new HtmlRenderer(r -> dashboard, provenance, prices);
    }

    /** A page whose data is the report itself (Cost Explorer's: it has no more dimensions than it asked for). */
    static HtmlRenderer ofReport() {
        return new HtmlRenderer(Dashboard::of, Provenance.unknown(), PriceCatalog.builtIn());
    }

    @Override
    public void render(Report report, Writer out) throws IOException {
        Dashboard shown = dashboard.apply(report);
        Map<String, String> slots = Map.of(
                "title", escape(title(shown.view())),
                "about", about(shown),
                "data", scriptSafe(data(shown)));
        for (int i = 0; i < TEMPLATE.size(); i++) {
            out.write(i % 2 == 0 ? TEMPLATE.get(i) : slots.get(TEMPLATE.get(i)));
        }
    }

    private static String title(Report view) {
        return "Bedrock spend by "
                + view.dimensions().stream().map(HtmlRenderer::words).collect(Collectors.joining(" and "));
    }

    /** What the page was made from, as static HTML: readable with the script off. */
    private String about(Dashboard shown) {
        StringBuilder b = new StringBuilder("<dl class=\"about\" data-testid=\"about\">");
        TreeSet<String> days = new TreeSet<>();
        int day = dayColumn(shown.data());
        // Past the bound the data's days may be weeks or months; the slices keep the days themselves.
        List<Report> byDay = shown.slices().isEmpty()
                ? List.of(shown.data())
                : List.copyOf(shown.slices().values());
        if (day >= 0) {
            byDay.forEach(r -> r.currencies()
                    .forEach(c -> c.groups().forEach(g -> {
                        if (!g.keys().get(day).equals(Group.NONE)) {
                            days.add(g.keys().get(day));
                        }
                    })));
        }
        item(
                b,
                "Made from",
                provenance.inputs().isEmpty()
                        ? "a report"
                        : provenance.inputs().stream().map(HtmlRenderer::escape).collect(Collectors.joining(", ")),
                "inputs");
        if (!provenance.options().isEmpty()) {
            item(b, "Options", "<code>" + escape(provenance.options()) + "</code>", "options");
        }
        item(
                b,
                "Usage",
                days.isEmpty() ? "no dated usage" : escape(days.first()) + " to " + escape(days.last()),
                "period");
        item(
                b,
                "Made",
                escape(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                                .format(provenance.madeAt().atOffset(ZoneOffset.UTC)))
                        + " by Tally " + escape(provenance.tallyVersion()),
                "made");
        b.append("</dl>");
        List<String> notes = shown.view().warnings();
        if (!notes.isEmpty()) {
            b.append("<details class=\"notes\" data-testid=\"warnings\"><summary>")
                    .append(notes.size())
                    .append(notes.size() == 1 ? " warning" : " warnings")
                    .append(" the command printed</summary><ul>");
            notes.forEach(n -> b.append("<li>").append(escape(n)).append("</li>"));
            b.append("</ul></details>");
        }
        return b.toString();
    }

    private static void item(StringBuilder b, String term, String html, String id) {
        b.append("<div><dt>")
                .append(term)
                .append("</dt><dd data-testid=\"about-")
                .append(id)
                .append("\">")
                .append(html)
                .append("</dd></div>");
    }

    /** The page's data: dimensions by name, and per currency dictionaries of values and rows of exact integers. */
    private String data(Dashboard shown) {
        Report data = shown.data();
        Report view = shown.view();
        JsonWriter json = JsonWriter.compact().beginObject();
        json.name("dims").beginArray();
        for (Dimension d : data.dimensions()) {
            json.beginObject()
                    .name("id")
                    .value(d.label())
                    .name("name")
                    .value(words(d))
                    .name("kind")
                    .value(
                            d.isTime()
                                    ? "time"
                                    : d.kind() == Dimension.Kind.TAG
                                            ? "tag"
                                            : d.kind().label())
                    .endObject();
        }
        json.endArray();
        json.name("first").beginArray();
        String grain = finest(shown).label();
        for (Dimension d : view.dimensions()) {
            int at = column(data, d);
            if (at >= 0) {
                json.value(data.dimensions().get(at).label());
                if (d.isTime() && d.kind().compareTo(finest(shown)) > 0) {
                    grain = d.kind().label();
                }
            }
        }
        json.endArray();
        json.name("grain").value(grain);
        json.name("finest").value(finest(shown).label());
        json.name("untaggedTag").value(view.untaggedTag());
        json.name("madeOn")
                .value(provenance
                        .madeAt()
                        .atOffset(ZoneOffset.UTC)
                        .toLocalDate()
                        .toString());
        json.name("prices")
                .value("list prices of " + prices.source() + " as of " + prices.asOf() + " (" + prices.currency()
                        + ")");
        json.name("currencies").beginArray();
        for (CurrencyReport c : data.currenciesOrEmpty()) {
            currency(json, shown, c);
        }
        json.endArray();
        return json.endObject().toString();
    }

    private void currency(JsonWriter json, Dashboard shown, CurrencyReport c) {
        Report data = shown.data();
        int dims = data.dimensions().size();
        List<Map<String, Integer>> dictionaries = new ArrayList<>();
        for (int i = 0; i < dims; i++) {
            dictionaries.add(new LinkedHashMap<>());
        }
        List<List<Group>> slices = new ArrayList<>();
        List<Integer> sliceDims = new ArrayList<>();
        shown.slices()
                .forEach((dimension, slice) -> slice.currencies().stream()
                        .filter(sc -> sc.currency().equals(c.currency()))
                        .findFirst()
                        .ifPresent(sc -> {
                            slices.add(sc.groups());
                            sliceDims.add(data.dimensions().indexOf(dimension));
                        }));
        List<Group> all = new ArrayList<>(c.groups());
        slices.forEach(all::addAll);
        List<BigDecimal> saved = c.groups().stream().map(g -> saved(data, c, g)).toList();
        int scale = scale(all.stream().map(Group::cost).toList());
        scale = Math.max(scale, scale(all.stream().map(Group::tokenCost).toList()));
        int tokenScale = scale(all.stream().map(Group::tokens).toList());
        int savedScale = scale(saved);
        json.beginObject().name("code").value(c.currency());
        json.name("scale")
                .value(scale)
                .name("tokenScale")
                .value(tokenScale)
                .name("savedScale")
                .value(savedScale);
        json.name("rows");
        rows(json, data, dictionaries, c.groups(), saved, scale, tokenScale, savedScale);
        json.name("slices").beginArray();
        for (int i = 0; i < slices.size(); i++) {
            json.beginObject().name("dim").value(sliceDims.get(i)).name("rows");
            List<BigDecimal> none = Collections.nCopies(slices.get(i).size(), BigDecimal.ZERO);
            rows(json, data, dictionaries, slices.get(i), none, scale, tokenScale, savedScale);
            json.endObject();
        }
        json.endArray();
        json.name("values").beginArray();
        for (Map<String, Integer> dictionary : dictionaries) {
            json.beginArray();
            dictionary.keySet().forEach(json::value);
            json.endArray();
        }
        json.endArray();
        json.endObject();
    }

    /** Each row: the dimension values' indices in the dictionaries, then cost, tokens, token cost, saved, line items. */
    private static void rows(
            JsonWriter json,
            Report data,
            List<Map<String, Integer>> dictionaries,
            List<Group> groups,
            List<BigDecimal> saved,
            int scale,
            int tokenScale,
            int savedScale) {
        json.beginArray();
        for (int r = 0; r < groups.size(); r++) {
            Group g = groups.get(r);
            json.beginArray();
            for (int i = 0; i < dictionaries.size(); i++) {
                Map<String, Integer> dictionary = dictionaries.get(i);
                json.value(dictionary.computeIfAbsent(
                        pageKey(data.dimensions().get(i), g.keys().get(i)), k -> dictionary.size()));
            }
            integer(json, g.cost(), scale);
            integer(json, g.tokens(), tokenScale);
            // Nearly always the whole cost counts tokens: a flag says "the same as cost" and keeps the page small.
            boolean same = g.tokenCost().compareTo(g.cost()) == 0;
            integer(json, same ? BigDecimal.ZERO : g.tokenCost(), scale);
            json.value(same ? 1 : 0);
            integer(json, saved.get(r), savedScale);
            json.value(g.rows());
            json.endArray();
        }
        json.endArray();
    }

    /** The page's time axis is dates: a month ({@code 2026-10}, Cost Explorer's monthly data) is its first day. */
    private static String pageKey(Dimension d, String key) {
        return d.kind() == Dimension.Kind.MONTH && !key.equals(Group.NONE) ? key + "-01" : key;
    }

    /**
     * What the cache saved on a cache-read group at list prices: its tokens at the model's input price less what they
     * cost as cache reads. Only where the catalog knows the model and is in the group's currency.
     */
    private BigDecimal saved(Report data, CurrencyReport c, Group g) {
        int type = column(data, new Dimension(Dimension.Kind.TOKEN_TYPE, Optional.empty()));
        int model = column(data, new Dimension(Dimension.Kind.MODEL, Optional.empty()));
        int pricing = column(data, new Dimension(Dimension.Kind.PRICING_MODEL, Optional.empty()));
        if (type < 0
                || model < 0
                || pricing < 0
                || !c.currency().equals(prices.currency())
                || !g.keys().get(type).equals(TokenType.CACHE_READ.label())
                || g.tokens().signum() <= 0) {
            return BigDecimal.ZERO;
        }
        Optional<PricingModel> tier = label(PricingModel.values(), g.keys().get(pricing), PricingModel::label);
        if (tier.isEmpty()) {
            return BigDecimal.ZERO;
        }
        String m = g.keys().get(model);
        Optional<BigDecimal> input = prices.pricePerMillion(m, TokenType.INPUT, tier.get(), false);
        Optional<BigDecimal> read = prices.pricePerMillion(m, TokenType.CACHE_READ, tier.get(), false);
        if (input.isEmpty() || read.isEmpty()) {
            return BigDecimal.ZERO;
        }
        return g.tokens()
                .multiply(input.get().subtract(read.get()))
                .divide(BigDecimal.valueOf(1_000_000))
                .setScale(12, RoundingMode.HALF_EVEN);
    }

    private static <T> Optional<T> label(T[] values, String label, Function<T, String> name) {
        for (T v : values) {
            if (name.apply(v).equals(label)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The fewest decimals that hold every value exactly. */
    private static int scale(List<BigDecimal> values) {
        int scale = 0;
        for (BigDecimal v : values) {
            scale = Math.max(scale, v.stripTrailingZeros().scale());
        }
        return scale;
    }

    private static void integer(JsonWriter json, BigDecimal value, int scale) {
        BigInteger units = value.movePointRight(scale)
                .setScale(0, RoundingMode.UNNECESSARY)
                .toBigIntegerExact();
        if (units.abs().compareTo(SAFE_INTEGER) <= 0) {
            json.value(units.longValueExact());
        } else {
            json.value(units.toString());
        }
    }

    /** The finest grain the data's time dimension has: day, unless bounded or asked of Cost Explorer by month. */
    private static Dimension.Kind finest(Dashboard shown) {
        int at = dayColumn(shown.data());
        Dimension.Kind kind =
                at < 0 ? Dimension.Kind.DAY : shown.data().dimensions().get(at).kind();
        return kind == Dimension.Kind.DAY ? shown.timeGrain() : kind;
    }

    private static int column(Report data, Dimension d) {
        int at = data.dimensions().indexOf(d);
        if (at >= 0) {
            return at;
        }
        if (d.isTime()) {
            return dayColumn(data);
        }
        for (int i = 0; i < data.dimensions().size(); i++) {
            if (d.kind() == Dimension.Kind.TAG
                    && data.dimensions().get(i).matchKey().equals(d.matchKey())) {
                return i;
            }
        }
        return -1;
    }

    private static int dayColumn(Report data) {
        for (int i = 0; i < data.dimensions().size(); i++) {
            if (data.dimensions().get(i).isTime()) {
                return i;
            }
        }
        return -1;
    }

    /** A dimension in words, as headers and controls name it. */
    static String words(Dimension d) {
        if (d.kind() == Dimension.Kind.TAG) {
            String key = d.tagKey().orElseThrow().strip().replace('_', ' ').replace('-', ' ');
            String name = key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1);
            boolean clash = List.of("user", "role", "session", "account", "model", "region", "principal", "service")
                    .contains(key.toLowerCase(Locale.ROOT));
            return clash ? name + " tag" : name;
        }
        String label = d.kind().label().replace('-', ' ');
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
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
            Matcher slot = Pattern.compile("\\{\\{(title|about|data)}}").matcher(page);
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
