package dev.tally.emulator.billing;

import static java.util.Objects.requireNonNull;

import dev.tally.core.price.PriceCatalog;
import dev.tally.core.sts.SessionTag;
import dev.tally.core.sts.SessionTags;
import dev.tally.core.usage.PricingModel;
import dev.tally.core.usage.TokenType;
import dev.tally.core.usage.UsageType;
import dev.tally.cur.CurLineItem;
import dev.tally.emulator.Granularity;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Usage as AWS's billing pipeline aggregates it: token counts per time bucket (hour or day), principal,
 * session-tag set, usage type, operation and model resource. Recording is lock-free (it sits on every
 * inference call); pricing happens only when line items are built, from the price catalog.
 */
public final class UsageLedger {
    public static final String OPERATION_INVOKE = "InvokeModelInference";
    public static final String OPERATION_STREAMING = "InvokeModelStreamingInference";
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    /** Everything AWS groups usage by except the token type, which each {@link Tokens} slot stands for. */
    record UsageKey(
            Instant start,
            String principalArn,
            Map<String, String> tags,
            String operation,
            String region,
            String model,
            String resourceArn) {}

    /** One line item's identity. */
    private record LineKey(UsageKey usage, TokenType tokenType, boolean oneHourCache) {}

    /** Token counts of one usage key, one slot per line item it becomes. */
    private static final class Tokens {
        final LongAdder input = new LongAdder();
        final LongAdder output = new LongAdder();
        final LongAdder cacheRead = new LongAdder();
        final LongAdder cacheWrite = new LongAdder();
        final LongAdder cacheWriteOneHour = new LongAdder();
    }

    private record UsageTypeKey(String region, String model, TokenType tokenType, boolean oneHourCache) {}

    private final String accountId;
    private final PriceCatalog catalog;
    private final Granularity granularity;
    /** One entry per call shape rather than per token type: a call is one lookup, not four. */
    private final Map<UsageKey, Tokens> tokens = new ConcurrentHashMap<>();

    private final Map<UsageTypeKey, String> usageTypes = new ConcurrentHashMap<>();
    private final Set<YearMonth> dirty = ConcurrentHashMap.newKeySet();

    public UsageLedger(String accountId, PriceCatalog catalog, Granularity granularity) {
        this.accountId = requireNonNull(accountId, "accountId is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.granularity = requireNonNull(granularity, "granularity is null");
    }

    /** Records one successful inference call's tokens for the principal that signed it. */
    public void record(
            Instant at,
            String principalArn,
            SessionTags sessionTags,
            String region,
            String model,
            String resourceArn,
            boolean streaming,
            TokenUsage usage) {
        Instant start = granularity.bucketStart(at);
        UsageKey key = new UsageKey(
                start,
                principalArn,
                costAllocationTags(sessionTags),
                streaming ? OPERATION_STREAMING : OPERATION_INVOKE,
                region,
                model,
                resourceArn);
        Tokens t = tokens.computeIfAbsent(key, k -> new Tokens());
        t.input.add(usage.input());
        t.output.add(usage.output());
        t.cacheRead.add(usage.cacheRead());
        (usage.oneHourCache() ? t.cacheWriteOneHour : t.cacheWrite).add(usage.cacheWrite());
        dirty.add(YearMonth.from(start.atOffset(ZoneOffset.UTC)));
    }

    /** Billing periods that changed since the last call, now considered clean. */
    // dirty is a concurrent set: iterating it while removing is safe, and remove's answer makes each period taken
    // by one caller only.
    @SuppressWarnings("ModifyCollectionInEnhancedForLoop")
    public Set<YearMonth> takeDirtyPeriods() {
        Set<YearMonth> taken = new HashSet<>();
        for (YearMonth m : dirty) {
            if (dirty.remove(m)) {
                taken.add(m);
            }
        }
        return taken;
    }

    /** Puts periods back after a failed flush. */
    public void markDirty(Set<YearMonth> periods) {
        dirty.addAll(periods);
    }

    public boolean isDirty() {
        return !dirty.isEmpty();
    }

    /** Every billing period that has usage. */
    public Set<YearMonth> periods() {
        Set<YearMonth> out = new HashSet<>();
        for (UsageKey k : tokens.keySet()) {
            out.add(YearMonth.from(k.start().atOffset(ZoneOffset.UTC)));
        }
        return out;
    }

    /** The whole period's line items, priced, in a stable order. */
    public List<CurLineItem> lineItems(YearMonth period) {
        List<CurLineItem> items = new ArrayList<>();
        for (Map.Entry<UsageKey, Tokens> e : tokens.entrySet()) {
            UsageKey k = e.getKey();
            if (!YearMonth.from(k.start().atOffset(ZoneOffset.UTC)).equals(period)) {
                continue;
            }
            Tokens t = e.getValue();
            addLine(items, new LineKey(k, TokenType.INPUT, false), t.input.sum());
            addLine(items, new LineKey(k, TokenType.OUTPUT, false), t.output.sum());
            addLine(items, new LineKey(k, TokenType.CACHE_READ, false), t.cacheRead.sum());
            addLine(items, new LineKey(k, TokenType.CACHE_WRITE, false), t.cacheWrite.sum());
            addLine(items, new LineKey(k, TokenType.CACHE_WRITE, true), t.cacheWriteOneHour.sum());
        }
        items.sort(Comparator.comparing(CurLineItem::usageStart)
                .thenComparing(CurLineItem::iamPrincipal)
                .thenComparing(CurLineItem::usageType)
                .thenComparing(CurLineItem::operation)
                .thenComparing(i -> new TreeMap<>(i.tags()).toString())
                .thenComparing(CurLineItem::resourceId));
        return items;
    }

    private void addLine(List<CurLineItem> items, LineKey key, long count) {
        if (count > 0) {
            items.add(lineItem(key, count));
        }
    }

    private CurLineItem lineItem(LineKey line, long count) {
        UsageKey k = line.usage();
        BigDecimal perMillion = catalog.pricePerMillion(
                        k.model(), line.tokenType(), PricingModel.ON_DEMAND, line.oneHourCache())
                .orElseThrow(() -> new IllegalStateException(
                        "price catalog has no " + line.tokenType().label() + " price for " + k.model()));
        BigDecimal cost = PriceCatalog.costOf(count, perMillion);
        String rate = perMillion.divide(THOUSAND).stripTrailingZeros().toPlainString();
        String usageType = usageType(k.region(), k.model(), line.tokenType(), line.oneHourCache());
        return new CurLineItem(
                lineItemId(k, usageType),
                k.start(),
                granularity.bucketEnd(k.start()),
                accountId,
                accountId,
                "AWS",
                "Usage",
                "AmazonBedrock",
                "Amazon Bedrock",
                usageType,
                k.operation(),
                k.region(),
                k.resourceArn(),
                k.principalArn(),
                count / 1000.0,
                "1K tokens",
                rate,
                cost,
                cost,
                catalog.currency(),
                "$" + rate + " per 1K " + line.tokenType().label() + " tokens for " + k.model() + " in " + k.region(),
                k.tags(),
                Map.of());
    }

    private String usageType(String region, String model, TokenType type, boolean oneHour) {
        return usageTypes.computeIfAbsent(
                new UsageTypeKey(region, model, type, oneHour),
                k -> UsageType.of(k.region(), k.model(), k.tokenType(), PricingModel.ON_DEMAND, k.oneHourCache())
                        .text());
    }

    /** Session tags as CUR 2.0's {@code tags} map keys them: {@code iamPrincipal/<key>}. */
    private static Map<String, String> costAllocationTags(SessionTags tags) {
        if (tags.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new TreeMap<>();
        for (SessionTag t : tags.tags()) {
            out.put("iamPrincipal/" + t.key(), t.value());
        }
        return Map.copyOf(out);
    }

    /** Stable across flushes, so rewriting a period never changes an existing line item's id. */
    private static String lineItemId(UsageKey k, String usageType) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String text = k.start() + "|" + k.principalArn() + "|" + new TreeMap<>(k.tags()) + "|" + usageType + "|"
                    + k.operation() + "|" + k.resourceArn();
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
