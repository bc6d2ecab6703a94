package dev.tally.reconcile;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.core.principal.Principal;
import dev.tally.reconcile.match.Bills;
import dev.tally.reconcile.match.Cell;
import dev.tally.reconcile.match.CellKey;
import dev.tally.reconcile.match.Ledgers;
import dev.tally.reconcile.match.Session;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.Group;
import dev.tally.report.query.ReportEngine;
import dev.tally.report.read.S3Fetcher;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Puts the ledger and the bill side by side. Both sides are summed into cells (session, UTC day, model, tier, token
 * type); each cell's difference is classified ({@link DifferenceKind}); cells are then rolled up into the groups
 * {@code --by} asks for, per day and per user, and checked against the tolerance.
 */
public final class Reconciler {
    /**
     * Differences up to this are rounding, not differences: the CUR stores cost as a double, and the report reads it
     * into a decimal of 12 places, so each line item can be off by far less than this.
     */
    static final BigDecimal ROUNDING = new BigDecimal("0.000001");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ReportEngine engine;
    private final S3Fetcher s3;

    /** @param s3 the engine's fetcher, for {@code s3://} inputs */
    public Reconciler(ReportEngine engine, S3Fetcher s3) {
        this.engine = requireNonNull(engine, "engine is null");
        this.s3 = requireNonNull(s3, "s3 is null");
    }

    public Reconciliation run(ReconcileRequest request) {
        List<String> warnings = new ArrayList<>();
        List<Dimension> tagDims = request.by().stream()
                .filter(d -> d.kind() == Dimension.Kind.TAG)
                .toList();
        Bills.requirePrincipals(request.cur(), s3);
        Ledgers.Metered metered;
        Bills.Billed billed;
        // The ledger is read by one thread through JDBC while DuckDB scans the bill on the others: the two reads
        // overlap instead of adding up (docs/benchmarks.md, reconcile).
        List<String> ledgerWarnings = new ArrayList<>();
        try (ExecutorService ledgerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reconcile-ledger");
            t.setDaemon(true);
            return t;
        })) {
            Future<Ledgers.Metered> reading = ledgerThread.submit(() ->
                    Ledgers.read(request.ledger(), request.from(), request.to(), request.prices(), w -> {
                        if (!ledgerWarnings.contains(w)) {
                            ledgerWarnings.add(w);
                        }
                    }));
            try {
                billed = Bills.read(engine, request.cur(), request.from(), request.to(), tagDims);
            } catch (RuntimeException e) {
                reading.cancel(true);
                throw e;
            }
            metered = join(reading);
        }
        warnings.addAll(billed.warnings());
        warnings.addAll(ledgerWarnings);
        String currency =
                billed.currencies().isEmpty() ? "USD" : billed.currencies().get(0);
        if (billed.currencies().size() > 1) {
            warnings.add("the bill holds several currencies " + billed.currencies()
                    + "; reconcile compares amounts as they are, without converting");
        }
        if (billed.unattributed().signum() != 0) {
            warnings.add("billed Bedrock cost of "
                    + billed.unattributed().stripTrailingZeros().toPlainString() + " "
                    + currency + " names no IAM principal (legacy CUR or FOCUS rows, or an export without"
                    + " INCLUDE_IAM_PRINCIPAL_DATA) and is left out of the comparison");
        }

        Map<CellKey, Cell> cells = new HashMap<>(metered.cells());
        Map<CellKey, Cell> inScope = inScope(billed.cells(), request.role(), currency, warnings);
        inScope.forEach((key, b) -> {
            Cell cell = cells.computeIfAbsent(key, k -> new Cell());
            cell.addBilled(b.billedCost(), b.billedTokens());
        });
        Map<String, Session> sessions = sessions(cells, metered, billed, request.sessionName());
        Optional<LocalDate> newest = cells.entrySet().stream()
                .filter(e -> e.getValue().isBilled())
                .map(e -> e.getKey().day())
                .max(Comparator.naturalOrder());
        if (newest.isEmpty() && !cells.isEmpty()) {
            warnings.add("the bill holds no Bedrock usage with a principal in this range: nothing metered can be"
                    + " matched (is --cur the right export, and --from/--to the right days?)");
        }
        return new Rollup(request, sessions, newest, currency, billed.unattributed(), warnings).of(cells);
    }

    /** The billed cells of the {@code --role}'s sessions; the others' cost is said in a warning. */
    private static Map<CellKey, Cell> inScope(
            Map<CellKey, Cell> billed, Optional<RoleScope> role, String currency, List<String> warnings) {
        if (role.isEmpty()) {
            return billed;
        }
        Map<CellKey, Cell> kept = new HashMap<>();
        BigDecimal left = BigDecimal.ZERO;
        Set<String> others = new HashSet<>();
        for (Map.Entry<CellKey, Cell> e : billed.entrySet()) {
            if (role.get().holds(e.getKey().sessionArn())) {
                kept.put(e.getKey(), e.getValue());
            } else {
                left = left.add(e.getValue().billedCost());
                others.add(e.getKey().sessionArn());
            }
        }
        if (!others.isEmpty()) {
            warnings.add("--role " + role.get().name() + ": billed Bedrock cost of "
                    + left.stripTrailingZeros().toPlainString() + " " + currency + " by " + others.size()
                    + " principals that are not sessions of that role is left out of the comparison");
        }
        if (kept.isEmpty() && !others.isEmpty()) {
            // Most likely a misspelt role: say which roles the bill's sessions have.
            List<String> roles = others.stream()
                    .map(RoleScope::roleOfSession)
                    .flatMap(Optional::stream)
                    .distinct()
                    .sorted()
                    .toList();
            warnings.add("--role " + role.get().name() + ": no billed session is of that role"
                    + (roles.isEmpty() ? "" : "; the bill's sessions are of " + String.join(", ", roles)));
        }
        return kept;
    }

    private static Ledgers.Metered join(Future<Ledgers.Metered> reading) {
        try {
            return reading.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw TallyException.failure("reading the ledger failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TallyException.failure("interrupted while reading the ledger", e);
        }
    }

    private static Map<String, Session> sessions(
            Map<CellKey, Cell> cells, Ledgers.Metered metered, Bills.Billed billed, SessionNameTemplate template) {
        Set<String> arns = new HashSet<>();
        cells.keySet().forEach(k -> arns.add(k.sessionArn()));
        Map<String, Session> sessions = new HashMap<>();
        for (String arn : arns) {
            String name = nameOf(arn);
            Ledgers.SessionFacts ledger = metered.sessions().get(arn);
            if (ledger != null) {
                sessions.put(arn, new Session(arn, name, ledger.user(), ledger.tags(), true));
                continue;
            }
            Ledgers.SessionFacts bill = billed.sessions().get(arn);
            String user = template.userOf(name).orElse(bill == null ? name : bill.user());
            sessions.put(arn, new Session(arn, name, user, bill == null ? Map.of() : bill.tags(), false));
        }
        return sessions;
    }

    private static String nameOf(String arn) {
        try {
            Principal p = Principal.parse(arn);
            return p.sessionName().or(p::userName).orElse(arn);
        } catch (IllegalArgumentException e) {
            return arn;
        }
    }

    /** Whether a line is within the tolerance, provisional cost excused. */
    static boolean within(BigDecimal metered, BigDecimal billed, BigDecimal provisional, BigDecimal percent) {
        BigDecimal unexcused = metered.subtract(provisional).subtract(billed).abs();
        BigDecimal allowed = billed.abs().multiply(percent).divide(HUNDRED);
        return unexcused.compareTo(allowed.max(ROUNDING)) <= 0;
    }

    /** The classification of one cell and the part of its metered cost that is provisional. */
    record Verdict(DifferenceKind kind, BigDecimal provisional) {}

    static Verdict classify(CellKey key, Cell cell, Session session, Optional<LocalDate> newestBilledDay) {
        BigDecimal difference = cell.difference();
        if (cell.isBilled() && !session.known()) {
            return new Verdict(DifferenceKind.UNKNOWN_SESSION, BigDecimal.ZERO);
        }
        if (cell.meteredTokens() == cell.billedTokens() && key.kind() != TokenKind.OTHER) {
            boolean same = difference.abs().compareTo(ROUNDING) <= 0;
            return new Verdict(same ? DifferenceKind.MATCH : DifferenceKind.PRICE, BigDecimal.ZERO);
        }
        boolean lag = newestBilledDay.isPresent()
                && cell.meteredTokens() > cell.billedTokens()
                && difference.signum() > 0
                && !key.day().isBefore(newestBilledDay.get());
        if (lag) {
            return new Verdict(DifferenceKind.PROVISIONAL, difference);
        }
        return new Verdict(DifferenceKind.TOKENS, BigDecimal.ZERO);
    }

    /** A cell's session: every cell's session was read with it, so the lookup cannot miss. */
    static Session session(Map<String, Session> sessions, CellKey key) {
        return java.util.Objects.requireNonNull(sessions.get(key.sessionArn()), "a cell without its session");
    }

    /** The value of one {@code --by} dimension for a cell. */
    static Function<CellKey, String> reader(Dimension d, Map<String, Session> sessions) {
        return switch (d.kind()) {
            case USER -> k -> session(sessions, k).user();
            case SESSION -> k -> session(sessions, k).name();
            case TAG -> {
                String key = d.matchKey().orElseThrow();
                yield k -> {
                    String v = session(sessions, k).tags().get(key);
                    return v == null || v.isEmpty() ? Group.UNTAGGED : v;
                };
            }
            case MODEL -> CellKey::model;
            case TOKEN_TYPE -> k -> k.kind().label();
            case DAY -> k -> k.day().toString();
            default -> throw new IllegalArgumentException("reconcile does not group by " + d.label());
        };
    }
}
