package dev.tally.gateway;

import static java.util.Objects.requireNonNull;

import dev.tally.core.price.PriceCatalog;
import dev.tally.gateway.config.GatewayConfig;
import dev.tally.gateway.govern.Governance;
import dev.tally.gateway.metering.Pricer;
import dev.tally.gateway.proxy.BedrockProxy;
import dev.tally.gateway.proxy.Upstream;
import dev.tally.gateway.proxy.UpstreamClient;
import dev.tally.gateway.server.AccessLog;
import dev.tally.gateway.server.GatewayServer;
import dev.tally.gateway.server.GatewayServers;
import dev.tally.gateway.server.KeyAuthenticator;
import dev.tally.gateway.server.Readiness;
import dev.tally.gateway.session.SessionBroker;
import dev.tally.gateway.session.SessionIdentities;
import java.io.PrintStream;
import java.net.URI;
import java.time.InstantSource;
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
     * chain in the command), the ledger's keys and usage, the clock usage events are stamped with, the prices.
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
            PrintStream diagnostics) {
        public Services {
            requireNonNull(credentials, "credentials is null");
            requireNonNull(keys, "keys is null");
            requireNonNull(usage, "usage is null");
            requireNonNull(ledgerWritable, "ledgerWritable is null");
            requireNonNull(clock, "clock is null");
            requireNonNull(prices, "prices is null");
            requireNonNull(accessLog, "accessLog is null");
            requireNonNull(diagnostics, "diagnostics is null");
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
        UpstreamClient http = new UpstreamClient();
        BedrockProxy proxy = new BedrockProxy(
                upstream,
                http,
                services.usage(),
                new Pricer(services.prices()),
                upstream.emulated() && services.emulatedClock());
        AccessLog accessLog = new AccessLog(config.logFormat(), services.accessLog());
        GatewayServer server = GatewayServers.server(
                config,
                new KeyAuthenticator(services.keys(), config.limits().keyCacheTtl()),
                new SessionIdentities(config.sessionNameTemplate(), config.tagMapping()),
                broker,
                proxy,
                governance,
                new Readiness(services.ledgerWritable(), upstream.runtime()),
                accessLog,
                services.diagnostics(),
                services.clock());
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
