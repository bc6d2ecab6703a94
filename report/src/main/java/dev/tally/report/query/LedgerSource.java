package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.core.price.PriceCatalog;
import dev.tally.core.principal.Principal;
import dev.tally.core.usage.UsageType;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import dev.tally.ledger.UsageEvent;
import dev.tally.report.read.TagLookup;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's ledger as one more report source. Each usage event becomes one row per token type it used
 * (input, output, cache-read, cache-write; one-hour cache writes apart under CUR's {@code 1h} usage-type
 * marker), with {@code usage} in tokens and the event's cost split across those rows by the price catalog, so
 * the rows of one event always sum to exactly what the ledger recorded. The rows are summed here into the
 * same {@link RawGroup}s DuckDB's first aggregation yields for billing exports, with source {@code ledger}.
 * Read through the ledger's own reader (JDBC), so no DuckDB extension is needed.
 */
final class LedgerSource {
    private static final String SERVICE = "AmazonBedrock";
    private static final String UNIT = "tokens";

    private final LedgerCostShares costShares;

    LedgerSource(PriceCatalog prices, Consumer<String> warn) {
        this.costShares =
                new LedgerCostShares(requireNonNull(prices, "prices is null"), requireNonNull(warn, "warn is null"));
    }

    /** The raw groups of every ledger's events in the request's date range. */
    List<RawGroup> rows(List<String> ledgers, ReportRequest request, List<TagLookup> tags) {
        Instant from = request.from()
                .map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant())
                .orElse(Instant.MIN);
        Instant to = request.to()
                .map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant())
                .orElse(Instant.MAX);
        Map<List<@Nullable Object>, RawGroup> groups = new HashMap<>();
        for (String location : ledgers) {
            // Opening creates a ledger; a report names one that should already be there.
            if (!Ledger.exists(location)) {
                throw TallyException.usage("--ledger " + location + ": no such file");
            }
            // NORMAL: a report only reads; the mode matters for writes alone.
            try (Ledger ledger = Ledger.open(location, SyncMode.NORMAL);
                    Stream<UsageEvent> events = ledger.events(from, to)) {
                events.forEach(e -> {
                    for (RawGroup row : rowsOf(e, tags)) {
                        List<@Nullable Object> key = key(row);
                        groups.merge(key, row, LedgerSource::plus);
                    }
                });
            }
        }
        return new ArrayList<>(groups.values());
    }

    /** One event's rows, one per token type used, their costs summing exactly to the event's. */
    List<RawGroup> rowsOf(UsageEvent e, List<TagLookup> tags) {
        List<LedgerCostShares.Share> shares = costShares.of(e);
        if (shares.isEmpty()) {
            return List.of();
        }
        LocalDate day = e.time().atZone(ZoneOffset.UTC).toLocalDate();
        String account = account(e.sessionArn());
        List<@Nullable String> tagValues = tagValues(e.tags(), tags);
        List<RawGroup> rows = new ArrayList<>(shares.size());
        for (LedgerCostShares.Share p : shares) {
            rows.add(new RawGroup(
                    day,
                    account,
                    SERVICE,
                    null,
                    UsageType.ofUnknownRegion(e.model(), p.type(), e.pricingModel(), p.oneHour())
                            .text(),
                    e.operation(),
                    e.sessionArn(),
                    null,
                    UNIT,
                    e.currency(),
                    tagValues,
                    p.cost(),
                    BigDecimal.valueOf(p.tokens()),
                    1,
                    0,
                    RawGroup.LEDGER));
        }
        return rows;
    }

    private static @Nullable String account(String sessionArn) {
        try {
            return Principal.parse(sessionArn).accountId();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Tag values in the planned lookups' order; the event's tags are its session's (principal) tags. */
    private static List<@Nullable String> tagValues(Map<String, String> eventTags, List<TagLookup> tags) {
        Map<String, String> byKey = new HashMap<>();
        eventTags.forEach((k, v) -> byKey.putIfAbsent(k.strip().toLowerCase(Locale.ROOT), v));
        List<@Nullable String> values = new ArrayList<>(tags.size());
        for (TagLookup t : tags) {
            values.add(byKey.get(t.key()));
        }
        return values;
    }

    private static List<@Nullable Object> key(RawGroup r) {
        List<@Nullable Object> key = new ArrayList<>(12 + r.tags().size());
        key.add(r.usageDay());
        key.add(r.accountId());
        key.add(r.usageType());
        key.add(r.operation());
        key.add(r.principalArn());
        key.add(r.currency());
        key.addAll(r.tags());
        return key;
    }

    private static RawGroup plus(RawGroup a, RawGroup b) {
        return new RawGroup(
                a.usageDay(),
                a.accountId(),
                a.service(),
                a.region(),
                a.usageType(),
                a.operation(),
                a.principalArn(),
                a.marketplaceProduct(),
                a.unit(),
                a.currency(),
                a.tags(),
                a.cost().add(b.cost()),
                // A ledger row always carries its tokens (rowsOf).
                requireNonNull(a.usage()).add(requireNonNull(b.usage())),
                a.rows() + b.rows(),
                0,
                RawGroup.LEDGER);
    }
}
