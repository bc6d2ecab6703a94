package dev.tally.report.query;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.core.price.PriceCatalog;
import dev.tally.core.principal.Principal;
import dev.tally.core.usage.TokenType;
import dev.tally.core.usage.UsageType;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import dev.tally.ledger.TokenCounts;
import dev.tally.ledger.UsageEvent;
import dev.tally.report.read.TagLookup;
import java.math.BigDecimal;
import java.math.RoundingMode;
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

/**
 * The gateway's ledger as one more report source. Each usage event becomes one row per token type it used
 * (input, output, cache-read, cache-write; one-hour cache writes apart under CUR's {@code 1h} usage-type
 * marker), with {@code usage} in tokens and the event's cost split across those rows by the price catalog, so
 * the rows of one event always sum to exactly what the ledger recorded. The rows are summed here into the
 * same {@link RawGroup}s DuckDB's first aggregation yields for billing exports, with source {@code ledger}.
 * Read through the ledger's own reader (JDBC), so no DuckDB extension is needed.
 */
final class LedgerSource {
    /** Shares of a cost are computed to this many decimals before the remainder goes to the largest share. */
    private static final int SHARE_SCALE = 12;

    private static final String SERVICE = "AmazonBedrock";
    private static final String UNIT = "tokens";

    private final PriceCatalog prices;
    private final Consumer<String> warn;

    LedgerSource(PriceCatalog prices, Consumer<String> warn) {
        this.prices = requireNonNull(prices, "prices is null");
        this.warn = requireNonNull(warn, "warn is null");
    }

    /** The raw groups of every ledger's events in the request's date range. */
    List<RawGroup> rows(List<String> ledgers, ReportRequest request, List<TagLookup> tags) {
        Instant from = request.from()
                .map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant())
                .orElse(Instant.MIN);
        Instant to = request.to()
                .map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant())
                .orElse(Instant.MAX);
        Map<List<Object>, RawGroup> groups = new HashMap<>();
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
                        List<Object> key = key(row);
                        groups.merge(key, row, LedgerSource::plus);
                    }
                });
            }
        }
        return new ArrayList<>(groups.values());
    }

    /** One event's rows, one per token type used, their costs summing exactly to the event's. */
    List<RawGroup> rowsOf(UsageEvent e, List<TagLookup> tags) {
        List<Part> parts = parts(e.tokens());
        if (parts.isEmpty()) {
            if (e.cost().signum() == 0) {
                return List.of();
            }
            // Billed but no tokens counted (should not happen): the cost still counts, as input.
            parts = List.of(new Part(TokenType.INPUT, false, 0));
        }
        List<BigDecimal> costs = split(e, parts);
        LocalDate day = e.time().atZone(ZoneOffset.UTC).toLocalDate();
        String account = account(e.sessionArn());
        List<String> tagValues = tagValues(e.tags(), tags);
        List<RawGroup> rows = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
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
                    costs.get(i),
                    BigDecimal.valueOf(p.tokens()),
                    1,
                    0,
                    RawGroup.LEDGER));
        }
        return rows;
    }

    private record Part(TokenType type, boolean oneHour, long tokens) {}

    private static List<Part> parts(TokenCounts t) {
        List<Part> parts = new ArrayList<>(5);
        add(parts, TokenType.INPUT, false, t.input());
        add(parts, TokenType.OUTPUT, false, t.output());
        add(parts, TokenType.CACHE_READ, false, t.cacheRead());
        add(parts, TokenType.CACHE_WRITE, false, t.cacheWrite5m());
        add(parts, TokenType.CACHE_WRITE, true, t.cacheWrite1h());
        return parts;
    }

    private static void add(List<Part> parts, TokenType type, boolean oneHour, long tokens) {
        if (tokens > 0) {
            parts.add(new Part(type, oneHour, tokens));
        }
    }

    /**
     * The event's cost split over its parts in proportion to what the catalog prices each at. When the catalog
     * priced the event exactly as the gateway did (the usual case), the shares are those prices; otherwise the
     * shares are rounded and the largest takes the remainder, so they always sum to the recorded cost. A model
     * the catalog does not price splits by tokens.
     */
    private List<BigDecimal> split(UsageEvent e, List<Part> parts) {
        List<BigDecimal> weights = new ArrayList<>(parts.size());
        boolean priced = true;
        for (Part p : parts) {
            var perMillion = prices.pricePerMillion(e.model(), p.type(), e.pricingModel(), p.oneHour());
            if (perMillion.isEmpty()) {
                priced = false;
                break;
            }
            weights.add(PriceCatalog.costOf(p.tokens(), perMillion.get()));
        }
        BigDecimal total = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (!priced || total.signum() == 0) {
            if (!priced && e.cost().signum() != 0) {
                warn.accept(
                        "ledger: model " + e.model() + " (" + e.pricingModel().label()
                                + ") is not in the price catalog; its cost is split across token types by token count");
            }
            weights = parts.stream().map(p -> BigDecimal.valueOf(p.tokens())).toList();
            total = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        if (total.compareTo(e.cost()) == 0) {
            return weights;
        }
        if (total.signum() == 0) {
            // No tokens and a cost: the one part takes it all.
            return List.of(e.cost());
        }
        int largest = 0;
        for (int i = 1; i < weights.size(); i++) {
            if (weights.get(i).compareTo(weights.get(largest)) > 0) {
                largest = i;
            }
        }
        List<BigDecimal> shares = new ArrayList<>(weights.size());
        BigDecimal rest = e.cost();
        for (int i = 0; i < weights.size(); i++) {
            if (i == largest) {
                shares.add(null);
                continue;
            }
            BigDecimal share = e.cost()
                    .multiply(weights.get(i))
                    .divide(total, SHARE_SCALE, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros();
            shares.add(share);
            rest = rest.subtract(share);
        }
        shares.set(largest, rest);
        return shares;
    }

    private static String account(String sessionArn) {
        try {
            return Principal.parse(sessionArn).accountId();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Tag values in the planned lookups' order; the event's tags are its session's (principal) tags. */
    private static List<String> tagValues(Map<String, String> eventTags, List<TagLookup> tags) {
        Map<String, String> byKey = new HashMap<>();
        eventTags.forEach((k, v) -> byKey.putIfAbsent(k.strip().toLowerCase(Locale.ROOT), v));
        List<String> values = new ArrayList<>(tags.size());
        for (TagLookup t : tags) {
            values.add(byKey.get(t.key()));
        }
        return values;
    }

    private static List<Object> key(RawGroup r) {
        List<Object> key = new ArrayList<>(12 + r.tags().size());
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
                a.usage().add(b.usage()),
                a.rows() + b.rows(),
                0,
                RawGroup.LEDGER);
    }
}
