package dev.tally.gateway;

import dev.tally.core.price.PriceCatalog;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.gateway.admin.AdminToken;
import dev.tally.gateway.config.GatewayConfig;
import dev.tally.gateway.govern.Governor;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tally emulator} as the upstream and N gateway replicas in this process, each with its own ledger
 * connection (its own pool, writer and governor) on one shared store: what N {@code tally gateway} processes on
 * one PostgreSQL are, short of the process boundary.
 */
final class GovernedReplicas implements AutoCloseable {
    static final String ADMIN_TOKEN = "replicas-admin-token-0123456789";

    final Emulator aws;
    final List<Replica> replicas = new ArrayList<>();
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
            .build();

    record Replica(Ledger ledger, Governor governor, Gateway gateway) {
        URI endpoint() {
            return gateway.endpoint();
        }
    }

    GovernedReplicas(String store, int count, InstantSource clock, Governor.Settings settings) {
        aws = Emulator.start(EmulatorConfig.builder().build(), new PrintStream(new ByteArrayOutputStream()));
        for (int i = 0; i < count; i++) {
            Ledger ledger = Ledger.open(store, SyncMode.NORMAL);
            Governor governor = Governor.start(
                    new Governor.Store(ledger.budgets(), ledger.limits(), ledger.leases()),
                    settings,
                    clock,
                    PriceCatalog.builtIn(),
                    out);
            Gateway gateway = Gateway.start(
                    GatewayConfig.builder()
                            .port(0)
                            .roleArn(GatewayHarness.ROLE_ARN)
                            .upstream(aws.endpoint().toString())
                            .build(),
                    GatewayHarness.services(ledger, store, AdminToken.of(ADMIN_TOKEN, "test"), clock, out),
                    governor);
            replicas.add(new Replica(ledger, governor, gateway));
        }
    }

    Ledger ledger() {
        return replicas.getFirst().ledger();
    }

    HttpResponse<String> post(int replica, String path, String key, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(replicas.get(replica).endpoint() + path))
                        .header("content-type", "application/json")
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A call to one replica's admin API ({@code /tally/v1/...}) with the admin token. */
    HttpResponse<String> admin(int replica, String method, String resource, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(replicas.get(replica).endpoint() + "/tally/v1/" + resource))
                        .header("content-type", "application/json")
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    long upstreamInvokes() {
        return aws.calls().counts().getOrDefault("bedrock:InvokeModel", 0L);
    }

    String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (Replica r : replicas) {
            r.gateway().close();
            r.governor().close();
            r.ledger().close();
        }
        aws.close();
        http.close();
    }
}
