package dev.tally.gateway.server;

import dev.tally.gateway.admin.AdminApi;
import dev.tally.gateway.config.GatewayConfig;
import dev.tally.gateway.govern.Governance;
import dev.tally.gateway.metrics.GatewayMetrics;
import dev.tally.gateway.proxy.BedrockProxy;
import dev.tally.gateway.session.SessionBroker;
import dev.tally.gateway.timing.StageSink;
import java.io.PrintStream;
import java.time.InstantSource;

/** Builds the server around the request path; the handler stays package-private. */
public final class GatewayServers {
    private GatewayServers() {}

    public static GatewayServer server(
            GatewayConfig config,
            CallerAuthenticator callers,
            AdminApi admin,
            GatewayMetrics metrics,
            SessionBroker broker,
            BedrockProxy proxy,
            Governance governance,
            Readiness readiness,
            AccessLog accessLog,
            PrintStream diagnostics,
            InstantSource clock,
            StageSink stages) {
        GatewayHandler handler = new GatewayHandler(
                callers,
                admin,
                metrics,
                broker,
                proxy,
                governance,
                readiness,
                accessLog,
                diagnostics,
                clock,
                config.limits().maxBodyBytes(),
                stages);
        return new GatewayServer(
                config.bind(),
                config.port(),
                config.tlsCert(),
                config.tlsKey(),
                handler,
                config.limits().drainTimeout(),
                config.limits().requestThreads());
    }
}
