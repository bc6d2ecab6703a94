package dev.tally.gateway.metrics;

import dev.tally.gateway.session.SessionBroker;
import dev.tally.ledger.Budgets;
import dev.tally.ledger.Scope;
import dev.tally.ledger.UsageEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's Prometheus metrics. The request path pays a map lookup and an add per meter: each label
 * combination's meters are built once (on first use) and kept, never looked up through Micrometer's registry per
 * request. Model and user label values are capped ({@link LabelCap}); per-user series exist only when switched on.
 *
 * <ul>
 *   <li>{@code tally_requests_total{model,status}}, {@code tally_tokens_total{model,type}},
 *       {@code tally_cost_usd_total{model}}: what went through (model {@code none} for requests refused before one
 *       was known)
 *   <li>{@code tally_refusals_total{reason}}: answers the gateway gave itself, by Bedrock error type
 *   <li>{@code tally_sts_assume_role_total}, {@code tally_session_cache_size}: the session broker
 *   <li>{@code tally_ledger_queue_depth}, {@code tally_ledger_commit_seconds}: events recorded but not yet
 *       committed, and how long commits take
 *   <li>{@code tally_budget_remaining_usd{scope,period}}: each budget's remainder this period (with a ledger);
 *       budgets of a user or a key only when per-user labels are on, capped like them
 *   <li>{@code tally_user_requests_total{user}}, {@code tally_user_cost_usd_total{user}}: only when per-user
 *       labels are on, at most {@code maxUsers} users, the rest as {@code other}
 * </ul>
 */
public final class GatewayMetrics {
    static final int MAX_MODELS = 200;
    private static final int STATUSES = 500;

    private record ModelMeters(Counter input, Counter output, Counter cacheRead, Counter cacheWrite, Counter cost) {}

    private record UserMeters(Counter requests, Counter cost) {}

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LabelCap models = new LabelCap(MAX_MODELS);
    private final LabelCap users;
    private final LabelCap personalBudgets;
    private final boolean perUser;
    /** Per model, a slot per HTTP status (100 to 599): no key object is built per request. */
    private final Map<String, AtomicReferenceArray<Counter>> byModelAndStatus = new ConcurrentHashMap<>();

    private final Map<String, ModelMeters> byModel = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
    private final Map<String, UserMeters> byUser = new ConcurrentHashMap<>();
    private final AtomicLong queued = new AtomicLong();
    private final Timer commits;
    private volatile Runnable budgets = () -> {};

    /** @param maxUsers the per-user cap; 0 turns per-user labels off (the default) */
    public GatewayMetrics(int maxUsers) {
        this.perUser = maxUsers > 0;
        this.users = new LabelCap(Math.max(0, maxUsers));
        this.personalBudgets = new LabelCap(Math.max(0, maxUsers));
        Gauge.builder("tally_ledger_queue_depth", queued, AtomicLong::get)
                .description("Usage events recorded but not yet committed to the ledger")
                .register(registry);
        commits = Timer.builder("tally_ledger_commit")
                .description("From recording a usage event to its commit")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** The broker's counters, read at scrape time (nothing on the request path). */
    public void watch(SessionBroker broker) {
        FunctionCounter.builder("tally_sts_assume_role", broker, SessionBroker::assumeRoleCalls)
                .description("AssumeRole calls made to STS")
                .register(registry);
        Gauge.builder("tally_session_cache_size", broker, SessionBroker::cachedIdentities)
                .description("Identities with a cached session")
                .register(registry);
    }

    /** A request's outcome; {@code event} is its usage when it reached Bedrock. */
    public void request(int status, @Nullable String model, @Nullable String user) {
        String m = model == null || model.isEmpty() ? "none" : models.of(model);
        AtomicReferenceArray<Counter> slots =
                byModelAndStatus.computeIfAbsent(m, k -> new AtomicReferenceArray<>(STATUSES));
        int slot = Math.clamp(status, 100, 100 + STATUSES - 1) - 100;
        Counter c = slots.get(slot);
        if (c == null) {
            c = Counter.builder("tally_requests")
                    .description("Requests answered, by model and HTTP status")
                    .tag("model", m)
                    .tag("status", Integer.toString(slot + 100))
                    .register(registry); // registering twice returns the same counter: a race is harmless
            slots.set(slot, c);
        }
        c.increment();
        if (perUser && user != null) {
            userMeters(user).requests().increment();
        }
    }

    /** What a metered request used and cost. */
    public void usage(UsageEvent e) {
        ModelMeters m = byModel.computeIfAbsent(models.of(e.model().isEmpty() ? "none" : e.model()), this::modelMeters);
        m.input().increment((double) e.tokens().input());
        m.output().increment((double) e.tokens().output());
        m.cacheRead().increment((double) e.tokens().cacheRead());
        m.cacheWrite()
                .increment((double) (e.tokens().cacheWrite5m() + e.tokens().cacheWrite1h()));
        double cost = e.cost().doubleValue();
        m.cost().increment(cost);
        if (perUser) {
            userMeters(e.user()).cost().increment(cost);
        }
    }

    /** An answer the gateway gave itself (before or instead of Bedrock's), by error type. */
    public void refused(String reason) {
        refusals.computeIfAbsent(
                        reason,
                        r -> Counter.builder("tally_refusals")
                                .description("Requests the gateway refused itself, by Bedrock error type")
                                .tag("reason", r)
                                .register(registry))
                .increment();
    }

    /** Wraps a ledger write: counts it queued until its commit, and times the commit. */
    public CompletableFuture<Void> recording(Supplier<CompletableFuture<Void>> write) {
        queued.incrementAndGet();
        long start = System.nanoTime();
        CompletableFuture<Void> f;
        try {
            f = write.get();
        } catch (RuntimeException ex) {
            queued.decrementAndGet();
            throw ex;
        }
        // Only counts: the caller gets f itself and sees its failure, so the derived future is not needed.
        CompletableFuture<Void> _ = f.whenComplete((ok, failed) -> {
            queued.decrementAndGet();
            commits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        });
        return f;
    }

    /**
     * Budgets' remaining amounts, read from the store at scrape time (one query per scrape, nothing per request):
     * {@code tally_budget_remaining_usd{scope,period}}, one series per budget an admin set. A user's or a key's
     * budget names a person (a key is one user's), and /metrics answers without a token: those series appear only
     * when per-user labels are on, and no more of them than the per-user cap allows.
     */
    public void watch(Budgets budgets, InstantSource clock) {
        MultiGauge remaining = MultiGauge.builder("tally_budget_remaining_usd")
                .description("What is left of each budget in its current period")
                .register(registry);
        this.budgets = () -> remaining.register(
                budgets.status(clock.instant()).stream()
                        .filter(s -> !personal(s.budget().scope())
                                || (perUser
                                        && !personalBudgets
                                                .of(s.budget().scope().toString())
                                                .equals(LabelCap.OTHER)))
                        .map(s -> MultiGauge.Row.of(
                                Tags.of(
                                        "scope",
                                        s.budget().scope().toString(),
                                        "period",
                                        s.budget().period().label()),
                                s.remaining().doubleValue()))
                        .toList(),
                true);
    }

    private static boolean personal(Scope scope) {
        return scope.kind() == Scope.Kind.USER || scope.kind() == Scope.Kind.KEY;
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        budgets.run();
        return registry.scrape();
    }

    private ModelMeters modelMeters(String model) {
        return new ModelMeters(
                tokens(model, "input"),
                tokens(model, "output"),
                tokens(model, "cache_read"),
                tokens(model, "cache_write"),
                Counter.builder("tally_cost_usd")
                        .description("Cost of metered requests, priced by the gateway's catalog")
                        .tag("model", model)
                        .register(registry));
    }

    private Counter tokens(String model, String type) {
        return Counter.builder("tally_tokens")
                .description("Tokens metered, by model and token type")
                .tag("model", model)
                .tag("type", type)
                .register(registry);
    }

    private UserMeters userMeters(String user) {
        return byUser.computeIfAbsent(
                users.of(user),
                u -> new UserMeters(
                        Counter.builder("tally_user_requests")
                                .description("Requests by user (capped; the rest as other)")
                                .tag("user", u)
                                .register(registry),
                        Counter.builder("tally_user_cost_usd")
                                .description("Cost by user (capped; the rest as other)")
                                .tag("user", u)
                                .register(registry)));
    }
}
