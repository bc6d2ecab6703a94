package dev.tally.gateway.server;

import dev.tally.gateway.config.GatewayConfig;
import dev.tally.gateway.govern.Governance;
import dev.tally.gateway.proxy.BedrockProxy;
import dev.tally.gateway.session.SessionBroker;
import dev.tally.gateway.session.SessionIdentities;
import java.io.PrintStream;
import java.time.InstantSource;

/** Builds the server around the request path; the handler stays package-private. */
public final class GatewayServers {
    private GatewayServers() {}

    public static GatewayServer server(
            GatewayConfig config,
            KeyAuthenticator keys,
            SessionIdentities identities,
            SessionBroker broker,
            BedrockProxy proxy,
            Governance governance,
            Readiness readiness,
            AccessLog accessLog,
            PrintStream diagnostics,
            InstantSource clock) {
        GatewayHandler handler = new GatewayHandler(
                keys,
                identities,
                broker,
                proxy,
                governance,
                readiness,
                accessLog,
                diagnostics,
                clock,
                config.limits().maxBodyBytes());
        return new GatewayServer(
                config.bind(),
                config.port(),
                config.tlsCert(),
                config.tlsKey(),
                handler,
                config.limits().drainTimeout());
    }
}
