package dev.tally.gateway.govern;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.price.PriceCatalog;
import dev.tally.core.usage.PricingModel;
import dev.tally.gateway.BedrockFault;
import dev.tally.gateway.metering.RequestHints;
import dev.tally.gateway.proxy.Route;
import dev.tally.gateway.session.Identity;
import dev.tally.ledger.ApiKey;
import dev.tally.ledger.Budget;
import dev.tally.ledger.Budgets;
import dev.tally.ledger.Leases;
import dev.tally.ledger.Money;
import dev.tally.ledger.Scope;
import dev.tally.ledger.UsageLimit;
import dev.tally.ledger.UsageLimits;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Budgets, rate limits and model access, enforced before a request goes upstream (docs/gateway.md, Budgets and
 * Rate limits). Admission is decided in memory, from this replica's leased slices of each shared counter; the
 * store is touched only to take a new slice, and by the keeper thread, which renews leases, gives back idle
 * slices, notices budget and limit changes (polling their revisions) and fires threshold alerts.
 */
public final class Governor implements Governance, AutoCloseable {
    /**
     * How the governor leases and polls.
     *
     * @param leaseTtl how long a slice outlives a replica that stops renewing it
     * @param poll how often changes to budgets and limits are looked for
     * @param idle how long a slice may go unused before it is given back
     * @param alertBackoff the first wait before a failed webhook POST is retried
     */
    public record Settings(Duration leaseTtl, Duration poll, Duration idle, Duration alertBackoff) {
        public static final Settings DEFAULTS = new Settings(
                Duration.ofSeconds(15), Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1));

        public Settings {
            requireNonNull(leaseTtl, "leaseTtl is null");
            requireNonNull(poll, "poll is null");
            requireNonNull(idle, "idle is null");
            requireNonNull(alertBackoff, "alertBackoff is null");
            if (leaseTtl.compareTo(Duration.ofMillis(300)) < 0) {
                throw new IllegalArgumentException("lease TTL below 300 ms: " + leaseTtl);
            }
        }

        public Settings withLeaseTtl(Duration ttl) {
            return new Settings(ttl, poll, idle, alertBackoff);
        }
    }

    /** The store the governor reads and leases from: the ledger's. */
    public record Store(Budgets budgets, UsageLimits limits, Leases leases) {
        public Store {
            requireNonNull(budgets, "budgets is null");
            requireNonNull(limits, "limits is null");
            requireNonNull(leases, "leases is null");
        }
    }

    private static final String TEAM_TAG = "Team";
    private static final String TENANT_TAG = "Tenant";
    private static final String PROJECT_TAG = "Project";

    private final Store store;
    private final Settings settings;
    private final InstantSource clock;
    private final PriceCatalog prices;
    private final BudgetAlerts alerts;
    /** This replica, in the lease table: unique per process start, so a restarted replica never reuses a dead one's leases. */
    private final String holder = "gw-" + UUID.randomUUID();

    private volatile Map<Scope, List<Budget>> budgets = Map.of();
    private volatile Map<Scope, UsageLimit> limits = Map.of();
    private long budgetsRevision = -1;
    private long limitsRevision = -1;
    private final Map<String, LeasedCounter> slices = new ConcurrentHashMap<>();
    private final Set<String> alerted = ConcurrentHashMap.newKeySet();
    private final Thread keeper;
    private volatile boolean closing;
    private volatile Instant leaseExpiry;
    private long lastRenewNanos;

    private Governor(Store store, Settings settings, InstantSource clock, PriceCatalog prices, PrintStream log) {
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.prices = requireNonNull(prices, "prices is null");
        this.alerts = new BudgetAlerts(requireNonNull(log, "log is null"), settings.alertBackoff());
        this.leaseExpiry = Instant.now().plus(settings.leaseTtl());
        this.lastRenewNanos = System.nanoTime();
        reload();
        this.keeper = Thread.ofPlatform().name("tally-lease-keeper").daemon().start(this::keep);
    }

    /** Starts governing: reads budgets and limits, then keeps them and this replica's leases current. */
    public static Governor start(
            Store store, Settings settings, InstantSource clock, PriceCatalog prices, PrintStream log) {
        return new Governor(store, settings, clock, prices, log);
    }

    /** This replica's name in the lease table. */
    public String holder() {
        return holder;
    }

    /** Whether any budget or limit exists (if not, requests skip the governor entirely). */
    public boolean active() {
        return !budgets.isEmpty() || !limits.isEmpty();
    }

    @Override
    public Admission admit(ApiKey key, Identity identity, Route route, JsonNode json, RequestHints hints) {
        if (!active() || !route.operation().metered() || route.modelId().isEmpty()) {
            return Admission.NONE;
        }
        String model = prices.canonicalModel(route.modelId()).orElse(route.modelId());
        return admit(
                key,
                identity.user(),
                identity.tagMap(),
                route.modelId(),
                model,
                json,
                hints.requestedTier().orElse(PricingModel.ON_DEMAND));
    }

    /**
     * Decides a runtime request: model access, then rate limits, then budgets, each for every scope the request
     * belongs to. Refusals are Bedrock's errors; nothing is held after a refusal.
     *
     * @param model the canonical model (the catalog's name) of {@code modelId}
     * @throws BedrockFault AccessDeniedException (403), ThrottlingException (429) or
     *     ServiceQuotaExceededException (400)
     */
    public Admission admit(
            ApiKey key,
            String user,
            Map<String, String> tags,
            String modelId,
            String model,
            JsonNode body,
            PricingModel tier) {
        if (!active()) {
            return Admission.NONE;
        }
        List<Scope> scopes = scopes(key, user, tags);
        checkModelAccess(scopes, modelId, model);
        Instant now = clock.instant();
        WorstCase worst = WorstCase.of(body, model, tier, prices);
        Instant expires = leaseExpiry;
        List<LeasedCounter> requestRates = new ArrayList<>();
        List<Admission.Held> tokenRates = new ArrayList<>();
        List<Admission.Held> held = new ArrayList<>();
        List<String> soft = new ArrayList<>();
        boolean admitted = false;
        try {
            RateWindow window = RateWindow.at(now);
            for (Scope scope : scopes) {
                UsageLimit limit = limits.get(scope);
                if (limit == null) {
                    continue;
                }
                if (limit.requestsPerMinute().isPresent()) {
                    long cap = limit.requestsPerMinute().getAsLong();
                    LeasedCounter rate = rateSlice(window, limit::requestCounter, cap);
                    if (!rate.reserve(1, Math.max(1, cap / 16), store.leases(), holder, expires)) {
                        throw throttled(scope, cap + " requests", window, now);
                    }
                    requestRates.add(rate);
                }
                if (limit.tokensPerMinute().isPresent()) {
                    long cap = limit.tokensPerMinute().getAsLong();
                    LeasedCounter rate = rateSlice(window, limit::tokenCounter, cap);
                    long tokens = Math.min(worst.totalTokens(), cap);
                    if (!rate.reserve(tokens, Math.max(tokens, cap / 16), store.leases(), holder, expires)) {
                        throw throttled(scope, cap + " tokens", window, now);
                    }
                    tokenRates.add(new Admission.Held(rate, tokens));
                }
            }
            long cost = Money.nanos(worst.cost());
            for (Scope scope : scopes) {
                for (Budget b : budgets.getOrDefault(scope, List.of())) {
                    Instant start = b.period().start(now);
                    if (b.soft()) {
                        soft.add(b.counter(start));
                        continue;
                    }
                    LeasedCounter slice = slice(b.counter(start), List.of(), b.limitNanos());
                    long chunk = Math.max(cost * 8, b.limitNanos() / 64);
                    if (!slice.reserve(cost, chunk, store.leases(), holder, expires)) {
                        throw quotaExceeded(b, worst.cost(), now);
                    }
                    held.add(new Admission.Held(slice, cost));
                }
            }
            admitted = true;
            return new Admission(holder, held, soft, tokenRates);
        } finally {
            if (!admitted) {
                held.forEach(h -> h.slice().refund(h.amount()));
                tokenRates.forEach(h -> h.slice().refund(h.amount()));
                requestRates.forEach(r -> r.refund(1));
            }
        }
    }

    /** A rate's slice of the window's current slot, sharing the limit with the window's earlier slots. */
    private LeasedCounter rateSlice(RateWindow window, LongFunction<String> counterOfSlot, long capacity) {
        return slice(
                counterOfSlot.apply(window.slot()),
                window.earlierSlots().stream().map(counterOfSlot::apply).toList(),
                capacity);
    }

    private LeasedCounter slice(String counter, List<String> sharing, long capacity) {
        LeasedCounter s = slices.computeIfAbsent(counter, c -> new LeasedCounter(c, sharing, capacity));
        s.capacity(capacity);
        return s;
    }

    /** Key, user, and the team, tenant and project the key's tags name. */
    static List<Scope> scopes(ApiKey key, String user, Map<String, String> tags) {
        List<Scope> scopes = new ArrayList<>(5);
        scopes.add(Scope.of(Scope.Kind.KEY, key.id()));
        scopes.add(Scope.of(Scope.Kind.USER, user));
        addTag(scopes, Scope.Kind.TEAM, tags.get(TEAM_TAG));
        addTag(scopes, Scope.Kind.TENANT, tags.get(TENANT_TAG));
        addTag(scopes, Scope.Kind.PROJECT, tags.get(PROJECT_TAG));
        return scopes;
    }

    private static void addTag(List<Scope> scopes, Scope.Kind kind, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            scopes.add(Scope.of(kind, value));
        }
    }

    private void checkModelAccess(List<Scope> scopes, String modelId, String model) {
        for (Scope scope : scopes) {
            UsageLimit limit = limits.get(scope);
            if (limit == null || limit.models().isEmpty()) {
                continue;
            }
            boolean allowed = limit.models().stream().anyMatch(p -> matches(p, modelId) || matches(p, model));
            if (!allowed) {
                throw new BedrockFault(
                        403,
                        "AccessDeniedException",
                        "The gateway does not allow " + scope + " to call model " + modelId + ".");
            }
        }
    }

    /** A model pattern: an id, inference profile id or ARN, with {@code *} matching any run of characters. */
    static boolean matches(String pattern, String modelId) {
        String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q");
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(modelId).matches();
    }

    private static BedrockFault throttled(Scope scope, String what, RateWindow window, Instant now) {
        long retryAfter = window.retryAfterSeconds(now);
        return BedrockFault.throttled(
                "Rate limit: " + scope + " may send " + what + " in any 60 seconds through the gateway; retry in "
                        + retryAfter + " s.",
                retryAfter);
    }

    private BedrockFault quotaExceeded(Budget b, BigDecimal cost, Instant now) {
        return new BedrockFault(
                400,
                "ServiceQuotaExceededException",
                "Budget " + b.id() + " for " + b.scope() + " (" + b.limit().toPlainString() + " " + prices.currency()
                        + " " + b.period().label() + ") cannot cover this request's worst case of "
                        + cost.setScale(6, RoundingMode.UP).stripTrailingZeros().toPlainString() + " "
                        + prices.currency() + "; it resets at " + b.period().end(now) + ".");
    }

    private void keep() {
        long alertEvery = Duration.ofSeconds(1).toNanos();
        long lastAlertCheck = 0;
        while (!closing) {
            try {
                Thread.sleep(settings.poll());
            } catch (InterruptedException e) {
                continue;
            }
            try {
                reload();
                renewAndTidy();
                if (System.nanoTime() - lastAlertCheck >= alertEvery) {
                    lastAlertCheck = System.nanoTime();
                    checkAlerts();
                }
            } catch (RuntimeException e) {
                // The store is unreachable for a moment: admissions go on from the slices already held, and the
                // next tick tries again.
            }
        }
    }

    @Override
    public void storeChanged() {
        try {
            reload();
        } catch (RuntimeException e) {
            // The write went through and the store has gone since: the keeper's next poll reads it.
        }
    }

    /** Called by the keeper and by an admin write's thread; revisions are read and swapped under one lock. */
    private synchronized void reload() {
        long br = store.budgets().revision();
        if (br != budgetsRevision) {
            Map<Scope, List<Budget>> byScope = new HashMap<>();
            for (Budget b : store.budgets().list()) {
                byScope.computeIfAbsent(b.scope(), s -> new ArrayList<>()).add(b);
            }
            budgets = Map.copyOf(byScope);
            budgetsRevision = br;
        }
        long lr = store.limits().revision();
        if (lr != limitsRevision) {
            Map<Scope, UsageLimit> byScope = new HashMap<>();
            store.limits().list().forEach(l -> byScope.put(l.scope(), l));
            limits = Map.copyOf(byScope);
            limitsRevision = lr;
        }
    }

    private void renewAndTidy() {
        Set<String> current = currentCounters(clock.instant());
        for (LeasedCounter slice : List.copyOf(slices.values())) {
            if (!current.contains(slice.counter)) {
                // A past period, a rate slot that has left its window, or a budget or limit that is gone: its room
                // goes back at once.
                slices.remove(slice.counter);
                slice.drain();
                store.leases().giveBack(holder, slice.counter, Long.MAX_VALUE / 4);
            } else if (slice.idleFor(settings.idle().toNanos()) && slice.free() > 0) {
                store.leases().giveBack(holder, slice.counter, slice.drain());
            }
        }
        if (System.nanoTime() - lastRenewNanos >= settings.leaseTtl().toNanos() / 3) {
            Instant expires = Instant.now().plus(settings.leaseTtl());
            Set<String> held = store.leases().renew(holder, expires);
            leaseExpiry = expires;
            lastRenewNanos = System.nanoTime();
            for (LeasedCounter slice : slices.values()) {
                if (!held.contains(slice.counter)) {
                    // The lease expired before it was renewed (a long pause): its room is no longer ours.
                    slice.drain();
                }
            }
        }
    }

    private Set<String> currentCounters(Instant now) {
        Set<String> current = new HashSet<>();
        budgets.values()
                .forEach(list ->
                        list.forEach(b -> current.add(b.counter(b.period().start(now)))));
        // A rate's earlier slots stay: what they admitted counts against the window until they leave it (their
        // unused room goes back when they fall idle, like any slice's).
        RateWindow window = RateWindow.at(now);
        List<Long> slots = new ArrayList<>(window.earlierSlots());
        slots.add(window.slot());
        limits.values()
                .forEach(l -> slots.forEach(slot -> {
                    current.add(l.requestCounter(slot));
                    current.add(l.tokenCounter(slot));
                }));
        return current;
    }

    private void checkAlerts() {
        Instant now = clock.instant();
        Map<String, Budget> byCounter = new HashMap<>();
        budgets.values()
                .forEach(list -> list.stream()
                        .filter(b -> !b.thresholds().isEmpty())
                        .forEach(b -> byCounter.put(b.counter(b.period().start(now)), b)));
        if (byCounter.isEmpty()) {
            return;
        }
        Map<String, Long> used = store.leases().used(byCounter.keySet());
        for (Map.Entry<String, Budget> e : byCounter.entrySet()) {
            Budget b = e.getValue();
            long spent = used.getOrDefault(e.getKey(), 0L);
            for (BigDecimal t : b.thresholds()) {
                String key = e.getKey() + "@" + t.toPlainString();
                BigDecimal line = b.limit().multiply(t).divide(BigDecimal.valueOf(100));
                if (Money.of(spent).compareTo(line) >= 0
                        && !alerted.contains(key)
                        && alerted.add(key)
                        && store.leases().firstAlert(e.getKey(), t.toPlainString())) {
                    alerts.alert(
                            b,
                            t,
                            Money.of(spent),
                            b.period().start(now),
                            b.period().end(now),
                            prices.currency());
                }
            }
        }
    }

    /** Stops the keeper and gives every slice back, so other replicas can use the room at once. */
    @Override
    public void close() {
        closing = true;
        keeper.interrupt();
        try {
            keeper.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (LeasedCounter slice : slices.values()) {
            try {
                store.leases().giveBack(holder, slice.counter, slice.drain());
            } catch (RuntimeException e) {
                // The store is gone: the lease expires on its own.
            }
        }
        alerts.close();
    }
}
