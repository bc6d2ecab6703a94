package dev.tally.gateway;

import static java.util.Objects.requireNonNull;

import dev.tally.core.price.PriceCatalog;
import dev.tally.gateway.admin.AdminApi;
import dev.tally.gateway.admin.AdminToken;
import dev.tally.gateway.admin.SpendReports;
import dev.tally.gateway.config.GatewayConfig;
import dev.tally.gateway.config.Oidc;
import dev.tally.gateway.govern.Governance;
import dev.tally.gateway.metering.Pricer;
import dev.tally.gateway.metrics.GatewayMetrics;
import dev.tally.gateway.oidc.ClaimIdentities;
import dev.tally.gateway.oidc.JwksSource;
import dev.tally.gateway.oidc.TokenVerifier;
import dev.tally.gateway.proxy.BedrockProxy;
import dev.tally.gateway.proxy.Upstream;
import dev.tally.gateway.proxy.UpstreamClient;
import dev.tally.gateway.server.AccessLog;
import dev.tally.gateway.server.CallerAuthenticator;
import dev.tally.gateway.server.GatewayServer;
import dev.tally.gateway.server.GatewayServers;
import dev.tally.gateway.server.KeyAuthenticator;
import dev.tally.gateway.server.Readiness;
import dev.tally.gateway.session.SessionBroker;
import dev.tally.gateway.session.SessionIdentities;
import dev.tally.gateway.timing.StageSink;
import dev.tally.ledger.Charge;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.UsageEvent;
import java.io.PrintStream;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A running {@code tally gateway}: the pieces wired together. A library first ({@link #start}), so tests and the
 * demo run it in-process; the command is a thin shell around it that owns the ledger and the signals.
 */
public final class Gateway implements AutoCloseable {
    private final GatewayServer server;
    private final SessionBroker broker;
    private final CompletableFuture<StsClient> sts;
    private final UpstreamClient http;
    private final AccessLog accessLog;

    /**
     * What the gateway uses but does not own: its own AWS credentials (those that call AssumeRole; the standard
     * chain in the command), the ledger's keys and usage, the clock usage events are stamped with, the prices;
     * for the admin API, the ledger whose keys, budgets and limits it manages, where the ledger is (for spend; the config's by default) and
     * the admin token (none: the admin endpoints answer 401).
     */
    public record Services(
            AwsCredentialsProvider credentials,
            KeyLookup keys,
            UsageSink usage,
            BooleanSupplier ledgerWritable,
            InstantSource clock,
            boolean emulatedClock,
            PriceCatalog prices,
            PrintStream accessLog,
            PrintStream diagnostics,
            Optional<Ledger> store,
            Optional<String> ledgerLocation,
            Optional<AdminToken> adminToken) {
        public Services {
            requireNonNull(credentials, "credentials is null");
            requireNonNull(keys, "keys is null");
            requireNonNull(usage, "usage is null");
            requireNonNull(ledgerWritable, "ledgerWritable is null");
            requireNonNull(clock, "clock is null");
            requireNonNull(prices, "prices is null");
            requireNonNull(accessLog, "accessLog is null");
            requireNonNull(diagnostics, "diagnostics is null");
            requireNonNull(store, "store is null");
            requireNonNull(ledgerLocation, "ledgerLocation is null");
            requireNonNull(adminToken, "adminToken is null");
        }

        /** Without the admin API's pieces: no key store to manage, the config's ledger, no admin token. */
        public Services(
                AwsCredentialsProvider credentials,
                KeyLookup keys,
                UsageSink usage,
                BooleanSupplier ledgerWritable,
                InstantSource clock,
                boolean emulatedClock,
                PriceCatalog prices,
                PrintStream accessLog,
                PrintStream diagnostics) {
            this(
                    credentials,
                    keys,
                    usage,
                    ledgerWritable,
                    clock,
                    emulatedClock,
                    prices,
                    accessLog,
                    diagnostics,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }
    }

    private Gateway(
            GatewayServer server,
            SessionBroker broker,
            CompletableFuture<StsClient> sts,
            UpstreamClient http,
            AccessLog accessLog) {
        this.server = server;
        this.broker = broker;
        this.sts = sts;
        this.http = http;
        this.accessLog = accessLog;
    }

    /** Builds everything, then opens the port: a bad setting fails before anything listens. */
    public static Gateway start(GatewayConfig config, Services services) {
        return start(config, services, Governance.NONE);
    }

    /**
     * As {@link #start(GatewayConfig, Services)}, with budgets, rate limits and model access enforced by
     * {@code governance} (a {@link dev.tally.gateway.govern.Governor} on the ledger; the caller closes it after
     * the gateway).
     */
    public static Gateway start(GatewayConfig config, Services services, Governance governance) {
        return start(config, services, governance, StageSink.NONE);
    }

    /**
     * As {@link #start(GatewayConfig, Services, Governance)}, handing each proxied request's stage times to
     * {@code stages} (the benchmark's breakdown of where a request's time goes).
     */
    public static Gateway start(GatewayConfig config, Services services, Governance governance, StageSink stages) {
        Upstream upstream = config.upstream()
                .map(u -> Upstream.of(u, config.region()))
                .orElseGet(() -> Upstream.aws(config.region()));
        // The SDK's client takes a good part of a second to build: built beside Jetty's start, not before it.
        CompletableFuture<StsClient> sts = CompletableFuture.supplyAsync(() -> StsClient.builder()
                .endpointOverride(upstream.sts())
                .region(Region.of(config.region()))
                .credentialsProvider(services.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                // The broker retries throttling itself, under its own rate limit.
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build());
        SessionBroker broker = new SessionBroker(sts::join, config.roleArn(), config.limits());
        GatewayMetrics metrics = new GatewayMetrics(config.metricsUsers());
        metrics.watch(broker);
        services.store().ifPresent(s -> metrics.watch(s.budgets(), services.clock()));
        UsageSink usage = services.usage();
        UpstreamClient http = new UpstreamClient(config.limits().requestThreads());
        BedrockProxy proxy = new BedrockProxy(
                upstream,
                http,
                metered(usage, metrics),
                new Pricer(services.prices()),
                upstream.emulated() && services.emulatedClock());
        AccessLog accessLog = new AccessLog(config.logFormat(), services.accessLog());
        CallerAuthenticator callers = callers(config, services);
        AdminApi admin = new AdminApi(
                services.adminToken(),
                services.store(),
                new SpendReports(services.ledgerLocation().orElse(config.ledger())),
                callers::authenticate,
                services.clock(),
                () -> {
                    governance.storeChanged();
                    callers.forgetKeys();
                });
        GatewayServer server = GatewayServers.server(
                config,
                callers,
                admin,
                metrics,
                broker,
                proxy,
                governance,
                new Readiness(services.ledgerWritable(), upstream.runtime()),
                accessLog,
                services.diagnostics(),
                services.clock(),
                stages);
        try {
            server.start();
        } catch (RuntimeException e) {
            broker.close();
            sts.join().close();
            accessLog.close();
            throw e;
        }
        Thread.ofVirtual().start(Json::mapper);
        return new Gateway(server, broker, sts, http, accessLog);
    }

    /** The ledger's sink, each write counted queued until it commits and its commit timed. */
    private static UsageSink metered(UsageSink usage, GatewayMetrics metrics) {
        return new UsageSink() {
            @Override
            public CompletableFuture<Void> record(UsageEvent event) {
                return metrics.recording(() -> usage.record(event));
            }

            @Override
            public CompletableFuture<Void> record(UsageEvent event, List<Charge> charges) {
                return metrics.recording(() -> usage.record(event, charges));
            }
        };
    }

    /** Keys always; OIDC tokens too when the config has an {@code oidc} section. */
    private static CallerAuthenticator callers(GatewayConfig config, Services services) {
        KeyAuthenticator keys =
                new KeyAuthenticator(services.keys(), config.limits().keyCacheTtl());
        SessionIdentities identities = new SessionIdentities(config.sessionNameTemplate(), config.tagMapping());
        if (config.oidc().isEmpty()) {
            return new CallerAuthenticator(keys, identities);
        }
        Oidc oidc = config.oidc().get();
        JwksSource jwks = new JwksSource(oidc.jwksUri(), oidc.refresh(), oidc.minRefetch(), services.diagnostics());
        return new CallerAuthenticator(
                keys,
                identities,
                new TokenVerifier(oidc, jwks),
                new ClaimIdentities(oidc, config.sessionNameTemplate(), config.tagMapping()),
                oidc.clockSkew());
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public SessionBroker broker() {
        return broker;
    }

    /** Drains in-flight requests (bounded by the drain timeout), then releases everything but the ledger. */
    @Override
    public void close() {
        server.close();
        broker.close();
        sts.join().close();
        http.close();
        accessLog.close();
    }
}
