package dev.tally.reconcile;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.core.price.PriceCatalog;
import dev.tally.report.query.Dimension;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a reconciliation compares.
 *
 * @param ledger the gateway's ledger: a file path or {@code jdbc:sqlite:} URL
 * @param cur billing exports in any format {@code tally report} reads (files, directories, globs, {@code s3://})
 * @param from inclusive UTC day, on usage start and event time
 * @param to exclusive UTC day
 * @param by the dimensions of the groups shown and checked against the tolerance: {@code user}, {@code session},
 *     {@code tag:<key>}, {@code model}, {@code token-type}, {@code day}; empty means {@code user}
 * @param tolerancePercent how far metered may be from billed, in percent of billed, for a group to pass
 * @param sessionName the gateway's session-name template ({@code gw-{user}}): which user a session is
 * @param prices the catalog the gateway priced with: it splits each event's cost across its token types
 * @param role when present, only the bill's sessions of this role (the gateway's) are compared: other principals
 *     (people's own sessions of other roles, IAM users) are left out, with their cost in a warning, instead of
 *     being unknown sessions. Sessions of this role that the ledger does not know are still unknown.
 */
public record ReconcileRequest(
        String ledger,
        List<String> cur,
        Optional<LocalDate> from,
        Optional<LocalDate> to,
        List<Dimension> by,
        BigDecimal tolerancePercent,
        SessionNameTemplate sessionName,
        PriceCatalog prices,
        Optional<RoleScope> role) {

    /** The dimensions a reconciliation groups by: those of a session, a day and a token type. */
    public static final Set<Dimension.Kind> DIMENSIONS = EnumSet.of(
            Dimension.Kind.USER,
            Dimension.Kind.SESSION,
            Dimension.Kind.TAG,
            Dimension.Kind.MODEL,
            Dimension.Kind.TOKEN_TYPE,
            Dimension.Kind.DAY);

    public static final BigDecimal DEFAULT_TOLERANCE = BigDecimal.ONE;

    public ReconcileRequest {
        requireNonNull(ledger, "ledger is null");
        cur = List.copyOf(requireNonNull(cur, "cur is null"));
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        by = List.copyOf(requireNonNull(by, "by is null"));
        requireNonNull(tolerancePercent, "tolerancePercent is null");
        requireNonNull(sessionName, "sessionName is null");
        requireNonNull(prices, "prices is null");
        requireNonNull(role, "role is null");
        if (ledger.isBlank()) {
            throw TallyException.usage(
                    "--ledger is empty: expected a ledger file path, jdbc:sqlite: or jdbc:postgresql: URL");
        }
        if (cur.isEmpty()) {
            throw TallyException.usage(
                    "no --cur given (expected CUR 2.0 export files, directories, globs or s3://bucket/prefix)");
        }
        if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
            throw TallyException.usage(
                    "--to " + to.get() + " is not after --from " + from.get() + " (--to is exclusive)");
        }
        for (Dimension d : by) {
            if (!DIMENSIONS.contains(d.kind())) {
                throw TallyException.usage("reconcile cannot group by '" + d.label()
                        + "' (expected user, session, tag:<key>, model, token-type or day)");
            }
        }
        if (by.stream().distinct().count() != by.size()) {
            throw TallyException.usage("--by names a dimension twice: " + by);
        }
        if (by.isEmpty()) {
            by = List.of(new Dimension(Dimension.Kind.USER, Optional.empty()));
        }
        if (tolerancePercent.signum() < 0 || tolerancePercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw TallyException.usage(
                    "--tolerance " + tolerancePercent.toPlainString() + " is not a percentage from 0 to 100");
        }
    }

    /** A request with the defaults: every day, by user, 1 % tolerance, {@code gw-{user}}, the built-in catalog. */
    public static ReconcileRequest of(String ledger, List<String> cur) {
        return new ReconcileRequest(
                ledger,
                cur,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                DEFAULT_TOLERANCE,
                SessionNameTemplate.DEFAULT,
                PriceCatalog.builtIn(),
                Optional.empty());
    }

    public ReconcileRequest withBy(List<Dimension> dimensions) {
        return new ReconcileRequest(ledger, cur, from, to, dimensions, tolerancePercent, sessionName, prices, role);
    }

    public ReconcileRequest withRange(Optional<LocalDate> newFrom, Optional<LocalDate> newTo) {
        return new ReconcileRequest(ledger, cur, newFrom, newTo, by, tolerancePercent, sessionName, prices, role);
    }

    public ReconcileRequest withTolerance(BigDecimal percent) {
        return new ReconcileRequest(ledger, cur, from, to, by, percent, sessionName, prices, role);
    }

    public ReconcileRequest withPrices(PriceCatalog catalog) {
        return new ReconcileRequest(ledger, cur, from, to, by, tolerancePercent, sessionName, catalog, role);
    }

    public ReconcileRequest withSessionName(SessionNameTemplate template) {
        return new ReconcileRequest(ledger, cur, from, to, by, tolerancePercent, template, prices, role);
    }

    /** Compares only the bill's sessions of {@code scope}'s role (the gateway's). */
    public ReconcileRequest withRole(RoleScope scope) {
        return new ReconcileRequest(
                ledger, cur, from, to, by, tolerancePercent, sessionName, prices, Optional.of(scope));
    }
}
