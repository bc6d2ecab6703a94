package dev.tally.reconcile.render;

import dev.tally.reconcile.DifferenceKind;
import dev.tally.reconcile.Line;
import dev.tally.reconcile.PriceFinding;
import dev.tally.reconcile.ProvisionalDay;
import dev.tally.reconcile.Reconciliation;
import dev.tally.reconcile.TokenFinding;
import dev.tally.reconcile.UnknownSession;
import dev.tally.report.query.Dimension;
import dev.tally.report.render.Amounts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A reconciliation as titled tables, shared by the terminal, CSV and Markdown renderers: the groups with a total, then
 * each kind of difference found. Exact numbers for machines, rounded ones for people.
 */
record Sections(List<Section> sections) {
    static final String TOTAL = "TOTAL";
    /** The largest metering gaps people see; machine forms list every one. */
    static final int SHOWN_GAPS = 50;

    /** One table; {@code numeric} marks the columns aligned right. */
    record Section(
            String id,
            String title,
            List<String> header,
            List<List<String>> rows,
            // A flag per column that renderers index; sections are never compared, so identity equals is moot.
            @SuppressWarnings("ArrayRecordComponent") boolean[] numeric) {}

    static Sections of(Reconciliation r, boolean exact) {
        Function<BigDecimal, String> money = exact ? Amounts::exact : Amounts::money;
        Function<Long, String> tokens = exact ? n -> Long.toString(n) : n -> Amounts.tokens(BigDecimal.valueOf(n));
        List<Section> sections = new ArrayList<>();

        List<String> header = new ArrayList<>();
        r.dimensions().forEach(d -> header.add(d.label()));
        int dims = header.size();
        header.addAll(List.of(
                "metered_cost",
                "billed_cost",
                "difference",
                "ratio",
                "metered_tokens",
                "billed_tokens",
                "provisional_cost",
                "status",
                "kinds"));
        List<List<String>> rows = new ArrayList<>();
        for (Line line : r.groups()) {
            rows.add(lineRow(line, line.keys(), money, tokens));
        }
        List<String> totalKeys = new ArrayList<>();
        for (int i = 0; i < dims; i++) {
            totalKeys.add(i == 0 ? TOTAL : "");
        }
        rows.add(lineRow(r.total(), totalKeys, money, tokens));
        sections.add(new Section(
                "groups",
                "Metered (gateway ledger) against billed (" + r.currency() + ") by "
                        + r.dimensions().stream().map(Dimension::label).collect(Collectors.joining(", ")),
                header,
                rows,
                numeric(header.size(), dims, header.size() - 2)));

        if (!r.unknownSessions().isEmpty()) {
            List<List<String>> unknown = new ArrayList<>();
            for (UnknownSession u : r.unknownSessions()) {
                unknown.add(List.of(
                        u.session(),
                        u.arn(),
                        u.user(),
                        money.apply(u.billedCost()),
                        tokens.apply(u.billedTokens()),
                        u.firstDay().toString(),
                        u.lastDay().toString()));
            }
            sections.add(new Section(
                    "unknown_sessions",
                    "Billed sessions the ledger does not know (bypassed the gateway?)",
                    List.of("session", "arn", "user", "billed_cost", "billed_tokens", "first_day", "last_day"),
                    unknown,
                    numeric(7, 3, 5)));
        }
        if (!r.prices().isEmpty()) {
            List<List<String>> prices = new ArrayList<>();
            for (PriceFinding p : r.prices()) {
                prices.add(List.of(
                        p.model(),
                        p.pricing().label(),
                        p.kind().label(),
                        tokens.apply(p.tokens()),
                        money.apply(p.meteredPricePerMillion()),
                        money.apply(p.billedPricePerMillion()),
                        money.apply(p.meteredCost()),
                        money.apply(p.billedCost())));
            }
            sections.add(new Section(
                    "prices",
                    "Tokens equal, cost differs: the gateway's price catalog is out of date (prices per million tokens)",
                    List.of(
                            "model",
                            "pricing_model",
                            "token_type",
                            "tokens",
                            "metered_price",
                            "billed_price",
                            "metered_cost",
                            "billed_cost"),
                    prices,
                    numeric(8, 3, 8)));
        }
        if (!r.tokens().isEmpty()) {
            List<List<String>> gaps = new ArrayList<>();
            List<TokenFinding> shown = exact || r.tokens().size() <= SHOWN_GAPS
                    ? r.tokens()
                    : r.tokens().subList(0, SHOWN_GAPS);
            for (TokenFinding t : shown) {
                gaps.add(List.of(
                        t.user(),
                        t.session(),
                        t.day().toString(),
                        t.model(),
                        t.kind().label(),
                        tokens.apply(t.meteredTokens()),
                        tokens.apply(t.billedTokens()),
                        money.apply(t.meteredCost()),
                        money.apply(t.billedCost()),
                        t.estimatedCalls() + "/" + t.meteredCalls()));
            }
            if (shown.size() < r.tokens().size()) {
                List<String> more = new ArrayList<>(
                        List.of("... " + (r.tokens().size() - shown.size()) + " more (csv and json list all)"));
                while (more.size() < 10) {
                    more.add("");
                }
                gaps.add(more);
            }
            sections.add(new Section(
                    "tokens",
                    "Tokens differ: metering gaps (estimated = cut or cancelled streams among the metered calls)",
                    List.of(
                            "user",
                            "session",
                            "day",
                            "model",
                            "token_type",
                            "metered_tokens",
                            "billed_tokens",
                            "metered_cost",
                            "billed_cost",
                            "estimated_calls"),
                    gaps,
                    numeric(10, 5, 10)));
        }
        if (!r.provisional().isEmpty()) {
            List<List<String>> lag = new ArrayList<>();
            for (ProvisionalDay p : r.provisional()) {
                lag.add(List.of(p.day().toString(), money.apply(p.meteredCost()), money.apply(p.notBilledYet())));
            }
            sections.add(new Section(
                    "provisional",
                    "Not billed yet (billing lag; newest billed day "
                            + r.newestBilledDay().map(Object::toString).orElse("(none)")
                            + "): provisional, not an error",
                    List.of("day", "metered_cost", "not_billed_yet"),
                    lag,
                    numeric(3, 1, 3)));
        }
        return new Sections(sections);
    }

    /** The verdict line people read last. */
    static String verdict(Reconciliation r) {
        String tolerance = r.tolerancePercent().stripTrailingZeros().toPlainString() + " %";
        if (r.passes()) {
            return "OK: every group is within " + tolerance + " and every billed session is the gateway's"
                    + (r.provisional().isEmpty() ? "" : " (some metered cost is not billed yet: provisional)");
        }
        long out = r.groups().stream().filter(l -> !l.withinTolerance()).count();
        List<String> why = new ArrayList<>();
        if (out > 0) {
            why.add(out + " group(s) differ by more than " + tolerance);
        }
        if (!r.unknownSessions().isEmpty()) {
            why.add(r.unknownSessions().size() + " billed session(s) unknown to the ledger");
        }
        return "DIFFERS: " + String.join("; ", why);
    }

    private static List<String> lineRow(
            Line line, List<String> keys, Function<BigDecimal, String> money, Function<Long, String> tokens) {
        List<String> row = new ArrayList<>(keys);
        row.add(money.apply(line.meteredCost()));
        row.add(money.apply(line.billedCost()));
        row.add(money.apply(line.difference()));
        row.add(line.ratio().map(BigDecimal::toPlainString).orElse(""));
        row.add(tokens.apply(line.meteredTokens()));
        row.add(tokens.apply(line.billedTokens()));
        row.add(money.apply(line.provisionalCost()));
        row.add(line.withinTolerance() ? "ok" : "differs");
        row.add(line.sortedKinds().stream().map(DifferenceKind::label).collect(Collectors.joining(" ")));
        return row;
    }

    private static boolean[] numeric(int size, int from, int to) {
        boolean[] numeric = new boolean[size];
        for (int i = from; i < to; i++) {
            numeric[i] = true;
        }
        return numeric;
    }
}
