package dev.tally.reconcile.match;

import dev.tally.core.error.TallyException;
import dev.tally.core.price.PriceCatalog;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import dev.tally.ledger.UsageEvent;
import dev.tally.reconcile.TokenKind;
import dev.tally.report.query.LedgerCostShares;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The metered side: the gateway's events through the ledger's own reader, each split across its token types by
 * the report's {@link LedgerCostShares} (the one way Tally reads a ledger's cost per token type), summed into cells.
 */
public final class Ledgers {
    private Ledgers() {}

    /** What the ledger says: cells with their metered sums, and each session's user and tags. */
    public record Metered(Map<CellKey, Cell> cells, Map<String, SessionFacts> sessions) {}

    /** A session as the ledger recorded it (tag keys lower case). */
    public record SessionFacts(String user, Map<String, String> tags) {}

    public static Metered read(
            String location,
            Optional<LocalDate> from,
            Optional<LocalDate> to,
            PriceCatalog prices,
            Consumer<String> warn) {
        // Opening creates a ledger; reconcile names one that should already be there.
        if (!Ledger.exists(location)) {
            throw TallyException.usage("--ledger " + location + ": no such file");
        }
        Instant start =
                from.map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()).orElse(Instant.MIN);
        Instant end = to.map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()).orElse(Instant.MAX);
        LedgerCostShares shares = new LedgerCostShares(prices, warn);
        Map<CellKey, Cell> cells = new HashMap<>();
        Map<String, SessionFacts> sessions = new HashMap<>();
        // NORMAL: reconcile only reads; the mode matters for writes alone.
        try (Ledger ledger = Ledger.open(location, SyncMode.NORMAL);
                Stream<UsageEvent> events = ledger.events(start, end)) {
            events.forEach(e -> {
                sessions.computeIfAbsent(e.sessionArn(), arn -> new SessionFacts(e.user(), lowerKeys(e.tags())));
                LocalDate day = e.time().atZone(ZoneOffset.UTC).toLocalDate();
                for (LedgerCostShares.Share s : shares.of(e)) {
                    CellKey key = new CellKey(
                            e.sessionArn(), day, e.model(), e.pricingModel(), TokenKind.of(s.type(), s.oneHour()));
                    cells.computeIfAbsent(key, k -> new Cell()).addMetered(s.cost(), s.tokens(), e.estimated());
                }
            });
        }
        return new Metered(cells, sessions);
    }

    static Map<String, String> lowerKeys(Map<String, String> tags) {
        Map<String, String> lower = new HashMap<>();
        tags.forEach((k, v) -> lower.putIfAbsent(k.strip().toLowerCase(Locale.ROOT), v));
        return lower;
    }
}
