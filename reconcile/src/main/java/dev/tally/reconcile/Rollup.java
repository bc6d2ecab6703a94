package dev.tally.reconcile;

import dev.tally.core.usage.PricingModel;
import dev.tally.reconcile.match.Cell;
import dev.tally.reconcile.match.CellKey;
import dev.tally.reconcile.match.Session;
import dev.tally.report.query.Dimension;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Classified cells rolled up into lines (the asked groups, per day, per user, the total) and findings. */
final class Rollup {
    private static final Comparator<List<String>> KEYS = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private final ReconcileRequest request;
    private final Map<String, Session> sessions;
    private final Optional<LocalDate> newest;
    private final String currency;
    private final BigDecimal unattributed;
    private final List<String> warnings;

    Rollup(
            ReconcileRequest request,
            Map<String, Session> sessions,
            Optional<LocalDate> newest,
            String currency,
            BigDecimal unattributed,
            List<String> warnings) {
        this.request = request;
        this.sessions = sessions;
        this.newest = newest;
        this.currency = currency;
        this.unattributed = unattributed;
        this.warnings = warnings;
    }

    Reconciliation of(Map<CellKey, Cell> cells) {
        List<Function<CellKey, String>> readers =
                request.by().stream().map(d -> Reconciler.reader(d, sessions)).toList();
        Function<CellKey, String> user =
                Reconciler.reader(new Dimension(Dimension.Kind.USER, Optional.empty()), sessions);
        Map<List<String>, Sum> groups = new HashMap<>();
        Map<List<String>, Sum> days = new HashMap<>();
        Map<List<String>, Sum> users = new HashMap<>();
        Sum total = new Sum();
        Map<List<Object>, PriceSum> prices = new TreeMap<>(Rollup::compareObjects);
        List<TokenFinding> tokens = new ArrayList<>();
        Map<String, UnknownSum> unknown = new TreeMap<>();
        Map<LocalDate, BigDecimal[]> provisional = new TreeMap<>();
        for (var entry : cells.entrySet()) {
            CellKey key = entry.getKey();
            Cell cell = entry.getValue();
            Session session = Reconciler.session(sessions, key);
            Reconciler.Verdict verdict = Reconciler.classify(key, cell, session, newest);
            List<String> keys = new ArrayList<>(readers.size());
            readers.forEach(r -> keys.add(r.apply(key)));
            groups.computeIfAbsent(keys, k -> new Sum()).add(cell, verdict);
            days.computeIfAbsent(List.of(key.day().toString()), k -> new Sum()).add(cell, verdict);
            users.computeIfAbsent(List.of(user.apply(key)), k -> new Sum()).add(cell, verdict);
            total.add(cell, verdict);
            switch (verdict.kind()) {
                case PRICE ->
                    prices.computeIfAbsent(
                                    List.of(key.model(), key.pricing(), key.kind()),
                                    k -> new PriceSum(key.model(), key.pricing(), key.kind()))
                            .add(cell);
                case TOKENS ->
                    tokens.add(new TokenFinding(
                            session.user(),
                            session.name(),
                            session.arn(),
                            key.day(),
                            key.model(),
                            key.pricing(),
                            key.kind(),
                            cell.meteredTokens(),
                            cell.billedTokens(),
                            cell.meteredCost(),
                            cell.billedCost(),
                            cell.meteredCalls(),
                            cell.estimatedCalls()));
                case UNKNOWN_SESSION ->
                    unknown.computeIfAbsent(session.arn(), a -> new UnknownSum(session))
                            .add(key.day(), cell);
                case PROVISIONAL -> {
                    BigDecimal[] day = provisional.computeIfAbsent(
                            key.day(), d -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    day[0] = day[0].add(cell.meteredCost());
                    day[1] = day[1].add(verdict.provisional());
                }
                case MATCH -> {}
            }
        }
        tokens.sort(Comparator.comparing((TokenFinding t) -> t.difference().abs())
                .reversed()
                .thenComparing(TokenFinding::sessionArn)
                .thenComparing(TokenFinding::day)
                .thenComparing(TokenFinding::model)
                .thenComparing(TokenFinding::kind));
        List<UnknownSession> unknownSessions = unknown.values().stream()
                .map(UnknownSum::session)
                .sorted(Comparator.comparing(UnknownSession::billedCost)
                        .reversed()
                        .thenComparing(UnknownSession::arn))
                .toList();
        List<ProvisionalDay> provisionalDays = new ArrayList<>();
        provisional.forEach((day, sums) -> provisionalDays.add(new ProvisionalDay(day, sums[0], sums[1])));
        return new Reconciliation(
                request.by(),
                request.tolerancePercent(),
                currency,
                newest,
                lines(groups),
                total.line(List.of()),
                lines(days),
                lines(users),
                prices.values().stream().map(PriceSum::finding).toList(),
                tokens,
                unknownSessions,
                provisionalDays,
                unattributed,
                warnings);
    }

    private List<Line> lines(Map<List<String>, Sum> sums) {
        List<List<String>> keys = new ArrayList<>(sums.keySet());
        keys.sort(KEYS);
        return keys.stream()
                .map(k -> java.util.Objects.requireNonNull(sums.get(k), "a key without its sum")
                        .line(k))
                .toList();
    }

    private static int compareObjects(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).toString().compareTo(b.get(i).toString());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private final class Sum {
        BigDecimal metered = BigDecimal.ZERO;
        BigDecimal billed = BigDecimal.ZERO;
        long meteredTokens;
        long billedTokens;
        BigDecimal provisional = BigDecimal.ZERO;
        final Set<DifferenceKind> kinds = EnumSet.noneOf(DifferenceKind.class);

        void add(Cell cell, Reconciler.Verdict verdict) {
            metered = metered.add(cell.meteredCost());
            billed = billed.add(cell.billedCost());
            meteredTokens += cell.meteredTokens();
            billedTokens += cell.billedTokens();
            provisional = provisional.add(verdict.provisional());
            if (verdict.kind() != DifferenceKind.MATCH) {
                kinds.add(verdict.kind());
            }
        }

        Line line(List<String> keys) {
            return new Line(
                    keys,
                    metered,
                    billed,
                    meteredTokens,
                    billedTokens,
                    provisional,
                    kinds,
                    Reconciler.within(metered, billed, provisional, request.tolerancePercent()));
        }
    }

    private static final class PriceSum {
        final String model;
        final PricingModel pricing;
        final TokenKind kind;
        long tokens;
        BigDecimal metered = BigDecimal.ZERO;
        BigDecimal billed = BigDecimal.ZERO;

        PriceSum(String model, PricingModel pricing, TokenKind kind) {
            this.model = model;
            this.pricing = pricing;
            this.kind = kind;
        }

        void add(Cell cell) {
            tokens += cell.meteredTokens();
            metered = metered.add(cell.meteredCost());
            billed = billed.add(cell.billedCost());
        }

        PriceFinding finding() {
            return new PriceFinding(model, pricing, kind, tokens, metered, billed);
        }
    }

    private static final class UnknownSum {
        final Session session;
        BigDecimal billed = BigDecimal.ZERO;
        long tokens;
        LocalDate first;
        LocalDate last;

        // first and last are set by add(), which every UnknownSum gets as it is made (computeIfAbsent(...).add).
        @SuppressWarnings("NullAway")
        UnknownSum(Session session) {
            this.session = session;
        }

        void add(LocalDate day, Cell cell) {
            billed = billed.add(cell.billedCost());
            tokens += cell.billedTokens();
            first = first == null || day.isBefore(first) ? day : first;
            last = last == null || day.isAfter(last) ? day : last;
        }

        UnknownSession session() {
            return new UnknownSession(session.name(), session.arn(), session.user(), billed, tokens, first, last);
        }
    }
}
