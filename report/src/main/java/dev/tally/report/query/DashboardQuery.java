package dev.tally.report.query;

import dev.tally.core.error.TallyException;
import dev.tally.report.read.DuckDbDialect;
import dev.tally.report.read.FormatDetector;
import dev.tally.report.read.InputResolver;
import dev.tally.report.read.S3Fetcher;
import dev.tally.report.read.SourceFile;
import dev.tally.report.read.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dashboard's data in one scan: the engine's usual two steps, asked for every dimension a reader may want at once
 * (tags present, user, principal, role, session, model, token type, pricing model, account, region, day), so that
 * the page can group and filter by any of them; the asked report is summed from the same rows ({@link Rollup}).
 *
 * <p>The data are aggregated rows, not line items: one per distinct combination of those values. Past {@link
 * #ROW_LIMIT} rows the page would pass 5 MB, so the finest detail is given up step by step until it fits: principal
 * and session (role and user stay), then days become weeks, then months. Totals never change; what was given up is
 * said on the page and on stderr.
 */
public final class DashboardQuery {
    /** Rows of about 80 bytes of JSON each: the page stays under 5 MB. */
    public static final int ROW_LIMIT = 50_000;
    /** Tag dimensions offered at most (asked ones always are): each one multiplies the rows. */
    static final int TAG_LIMIT = 8;
    /** The value of a dimension given up to stay within the bound. */
    public static final String FOLDED = "(folded)";

    private static final Dimension DAY = new Dimension(Dimension.Kind.DAY, Optional.empty());

    private final S3Fetcher s3;
    private final ReportEngine engine;

    public DashboardQuery(S3Fetcher s3, ReportEngine.Progress progress) {
        this(s3, new ReportEngine(s3, progress));
    }

    /** A page whose data comes from {@code engine}: DuckDB's or Spark's first step, the same second step. */
    public DashboardQuery(S3Fetcher s3, ReportEngine engine) {
        this.s3 = s3;
        this.engine = engine;
    }

    public Dashboard run(ReportRequest asked) {
        return run(asked, List.of());
    }

    /** The page over the exports and the gateway ledgers given ({@code tally report --ledger}). */
    public Dashboard run(ReportRequest asked, List<String> ledgers) {
        ReportRequest all = new ReportRequest(
                asked.inputs(),
                dimensions(asked, tagKeys(asked)),
                asked.from(),
                asked.to(),
                asked.where(),
                asked.allServices(),
                asked.costBasis(),
                Optional.empty(),
                false);
        Report data = engine.run(all, ledgers);
        Report view = Rollup.of(data, asked.by(), asked.top());
        return bounded(view, data, ROW_LIMIT);
    }

    /** The dimensions of the data: the asked ones, then the fixed set and the tags present, in the page's order. */
    static List<Dimension> dimensions(ReportRequest asked, Set<String> tagKeys) {
        List<Dimension> tags = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<Dimension> askedDims = new ArrayList<>(asked.by());
        asked.where().forEach(c -> askedDims.add(c.dimension()));
        for (Dimension d : askedDims) {
            if (d.kind() == Dimension.Kind.TAG && seen.add(d.matchKey().orElseThrow())) {
                tags.add(d);
            }
        }
        List<String> offered = new ArrayList<>(List.of("project", "team"));
        tagKeys.stream().filter(k -> !k.equals("user") && !offered.contains(k)).forEach(offered::add);
        for (String key : offered) {
            if (tags.size() < TAG_LIMIT && !seen.contains(key) && (key.equals("project") || tagKeys.contains(key))) {
                seen.add(key);
                tags.add(Dimension.tag(key));
            }
        }
        Set<Dimension> dims = new LinkedHashSet<>(tags);
        for (Dimension.Kind kind : List.of(
                Dimension.Kind.USER,
                Dimension.Kind.PRINCIPAL,
                Dimension.Kind.ROLE,
                Dimension.Kind.SESSION,
                Dimension.Kind.MODEL,
                Dimension.Kind.TOKEN_TYPE,
                Dimension.Kind.PRICING_MODEL,
                Dimension.Kind.ACCOUNT,
                Dimension.Kind.REGION)) {
            dims.add(new Dimension(kind, Optional.empty()));
        }
        if (asked.allServices()) {
            dims.add(new Dimension(Dimension.Kind.SERVICE, Optional.empty()));
        }
        for (Dimension d : askedDims) {
            if (d.kind() == Dimension.Kind.USAGE_TYPE || d.kind() == Dimension.Kind.OPERATION) {
                dims.add(d);
            }
        }
        dims.add(DAY);
        return List.copyOf(dims);
    }

    private Set<String> tagKeys(ReportRequest asked) {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = duck.createStatement()) {
                for (String statement : DuckDbDialect.INSTANCE.setup()) {
                    s.execute(statement);
                }
            }
            List<SourceFile> files = new InputResolver(new FormatDetector(duck), s3, w -> {}).resolve(asked.inputs());
            return TagKeys.present(duck, files);
        } catch (SQLException e) {
            throw TallyException.failure("DuckDB could not start: " + Sql.firstLine(e), e);
        }
    }

    /**
     * The data within {@code limit} rows, giving up the detail people miss least first; the view is already exact.
     * Each step folds some dimensions into {@link #FOLDED} or sums days into longer periods, and stops as soon as the
     * rows fit. When any step ran, each dimension's cost per day travels beside the data, complete, where it fits.
     */
    static Dashboard bounded(Report view, Report data, int limit) {
        List<String> bound = new ArrayList<>();
        Report shown = data;
        Dimension.Kind timeGrain = Dimension.Kind.DAY;
        List<Dimension.Kind> folded = new ArrayList<>();
        for (List<Dimension.Kind> step : FOLDING) {
            if (rows(shown) <= limit) {
                break;
            }
            if (step.equals(List.of(Dimension.Kind.WEEK)) || step.equals(List.of(Dimension.Kind.MONTH))) {
                shown = coarsen(shown, step.get(0));
                timeGrain = step.get(0);
            } else {
                shown = fold(shown, step);
                folded.addAll(step);
            }
        }
        if (!folded.isEmpty() || timeGrain != Dimension.Kind.DAY) {
            bound.add("the data had " + rows(data) + " rows, more than the page's " + limit + ": below the first level "
                    + (folded.isEmpty()
                            ? ""
                            : folded.stream().map(Dimension.Kind::label).collect(Collectors.joining(", "))
                                    + " are folded into " + FOLDED + (timeGrain == Dimension.Kind.DAY ? "" : " and "))
                    + (timeGrain == Dimension.Kind.DAY ? "" : "time is by " + timeGrain.label())
                    + " (" + rows(shown) + " rows); every dimension by itself keeps its cost per day");
        }
        if (rows(shown) > limit) {
            bound.add("the data still has " + rows(shown) + " rows, more than " + limit
                    + ": the page may be large and slow to open (narrow it with --from, --to or --where)");
        }
        Map<Dimension, Report> slices = bound.isEmpty() ? Map.of() : slices(data);
        List<String> warnings = new ArrayList<>(data.warnings());
        bound.forEach(b -> warnings.add("the HTML page's data: " + b));
        Report viewWithNotes = new Report(
                view.dimensions(),
                view.defaultDimensions(),
                view.currencies(),
                view.untaggedTag(),
                warnings,
                view.time());
        return new Dashboard(viewWithNotes, shown, timeGrain, slices, bound);
    }

    /**
     * What is given up first, step by step: the dimensions with the most values that people group by least, then the
     * day. Principal and session go first (role and user stay): a session per developer per day multiplies the rows.
     * Pricing model and token type stay as long as they can: the page's cache savings price each group by them.
     */
    private static final List<List<Dimension.Kind>> FOLDING = List.of(
            List.of(Dimension.Kind.PRINCIPAL, Dimension.Kind.SESSION),
            List.of(Dimension.Kind.ACCOUNT, Dimension.Kind.REGION),
            List.of(Dimension.Kind.ROLE),
            List.of(Dimension.Kind.WEEK),
            List.of(Dimension.Kind.MONTH),
            List.of(Dimension.Kind.PRICING_MODEL),
            List.of(Dimension.Kind.TOKEN_TYPE),
            List.of(Dimension.Kind.USER));

    /** A dimension's slice: its cost per day, complete; one with more than this many rows is left out. */
    static final int SLICE_LIMIT = 6_000;

    /**
     * Every dimension's slice in one pass over the data: a pass per dimension cost seconds on 2 million rows. Groups
     * are keyed by the dimension's value and the day only, and a dimension is dropped as soon as its slice passes
     * {@link #SLICE_LIMIT}: principal, session and user pass it early, and building and hashing a full key per group
     * and dimension was most of the 20-million-row page's time outside DuckDB (docs/benchmarks.md).
     */
    private static Map<Dimension, Report> slices(Report data) {
        int dims = data.dimensions().size();
        int day = data.dimensions().indexOf(DAY);
        List<Map<String, Map<List<String>, Group>>> byDimension = new ArrayList<>();
        long[] sizes = new long[dims];
        for (int d = 0; d < dims; d++) {
            byDimension.add(d == day ? null : new TreeMap<>());
        }
        for (CurrencyReport c : data.currencies()) {
            for (Group g : c.groups()) {
                String dayKey = day >= 0 ? g.keys().get(day) : FOLDED;
                for (int d = 0; d < dims; d++) {
                    Map<String, Map<List<String>, Group>> slice = byDimension.get(d);
                    if (slice == null) {
                        continue;
                    }
                    Map<List<String>, Group> groups = slice.computeIfAbsent(c.currency(), x -> new HashMap<>());
                    List<String> k = List.of(g.keys().get(d), dayKey);
                    Group before = groups.get(k);
                    if (before != null) {
                        groups.put(k, before.plus(g));
                    } else if (++sizes[d] > SLICE_LIMIT) {
                        byDimension.set(d, null);
                    } else {
                        groups.put(k, g);
                    }
                }
            }
        }
        Map<Dimension, Report> slices = new HashMap<>();
        for (int d = 0; d < dims; d++) {
            Map<String, Map<List<String>, Group>> slice = byDimension.get(d);
            if (slice != null) {
                slices.put(data.dimensions().get(d), report(data, withFullKeys(slice, dims, d, day)));
            }
        }
        return slices;
    }

    /** A slice's groups keyed by every dimension, {@link #FOLDED} in all but {@code at} and the day. */
    private static Map<String, Map<List<String>, Group>> withFullKeys(
            Map<String, Map<List<String>, Group>> slice, int dims, int at, int day) {
        Map<String, Map<List<String>, Group>> full = new TreeMap<>();
        slice.forEach((currency, groups) -> {
            Map<List<String>, Group> out = new HashMap<>();
            groups.forEach((k, g) -> {
                List<String> keys = new ArrayList<>(Collections.nCopies(dims, FOLDED));
                keys.set(at, k.get(0));
                if (day >= 0) {
                    keys.set(day, k.get(1));
                }
                out.put(keys, new Group(keys, g.cost(), g.tokens(), g.tokenCost(), g.rows()));
            });
            full.put(currency, out);
        });
        return full;
    }

    /** The page orders rows itself: the data's groups need no order, and sorting millions of them costs seconds. */
    private static Report report(Report data, Map<String, Map<List<String>, Group>> byCurrency) {
        List<CurrencyReport> currencies = new ArrayList<>();
        byCurrency.forEach((currency, groups) -> {
            BigDecimal total = groups.values().stream().map(Group::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
            currencies.add(
                    new CurrencyReport(currency, total, List.copyOf(groups.values()), BigDecimal.ZERO, Map.of()));
        });
        return new Report(data.dimensions(), data.defaultDimensions(), currencies, data.untaggedTag(), data.warnings());
    }

    private static long rows(Report r) {
        return r.currencies().stream().mapToLong(c -> c.groups().size()).sum();
    }

    private static Report fold(Report data, List<Dimension.Kind> kinds) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < data.dimensions().size(); i++) {
            if (kinds.contains(data.dimensions().get(i).kind())) {
                at.add(i);
            }
        }
        return regroup(data, data.dimensions(), keys -> {
            List<String> k = new ArrayList<>(keys);
            at.forEach(i -> k.set(i, FOLDED));
            return k;
        });
    }

    /** Day keys become the week's Monday or the month's first day, so the page's time axis stays dates. */
    private static Report coarsen(Report data, Dimension.Kind grain) {
        int day = data.dimensions().indexOf(DAY);
        return regroup(data, data.dimensions(), keys -> {
            List<String> k = new ArrayList<>(keys);
            String d = k.get(day);
            if (!d.equals(Group.NONE)) {
                LocalDate date = LocalDate.parse(d);
                k.set(
                        day,
                        (grain == Dimension.Kind.MONTH
                                        ? date.withDayOfMonth(1)
                                        : date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))
                                .toString());
            }
            return k;
        });
    }

    private static Report regroup(Report data, List<Dimension> dims, Function<List<String>, List<String>> rekey) {
        Map<String, Map<List<String>, Group>> byCurrency = new TreeMap<>();
        for (CurrencyReport c : data.currencies()) {
            Map<List<String>, Group> groups = byCurrency.computeIfAbsent(c.currency(), x -> new HashMap<>());
            for (Group g : c.groups()) {
                List<String> keys = rekey.apply(g.keys());
                groups.merge(keys, new Group(keys, g.cost(), g.tokens(), g.tokenCost(), g.rows()), Group::plus);
            }
        }
        return report(
                new Report(dims, data.defaultDimensions(), List.of(), data.untaggedTag(), data.warnings()), byCurrency);
    }
}
