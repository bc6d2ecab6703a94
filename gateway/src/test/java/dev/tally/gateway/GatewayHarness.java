package dev.tally.gateway;

import dev.tally.core.price.PriceCatalog;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.gateway.admin.AdminToken;
import dev.tally.gateway.config.GatewayConfig;
import dev.tally.ledger.Ledger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code tally emulator} on loopback as the upstream, and a gateway in front of it, in this process: the real
 * request path end to end. The gateway's own credentials are the emulator's default IAM user.
 */
final class GatewayHarness implements AutoCloseable {
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/tally-dev";
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    final Emulator aws;
    final MemoryLedger ledger = new MemoryLedger();
    final Gateway gateway;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    GatewayHarness(EmulatorConfig.Builder emulator, Consumer<GatewayConfig.Builder> gatewayConfig) {
        this(emulator, gatewayConfig, null);
    }

    /** With {@code store} (a real ledger) for keys and usage instead of the in-memory one. */
    GatewayHarness(EmulatorConfig.Builder emulator, Consumer<GatewayConfig.Builder> gatewayConfig, Ledger store) {
        this(emulator, gatewayConfig, store, null, null);
    }

    /** With a real ledger at {@code ledgerPath} whose keys the admin API manages behind {@code adminToken}. */
    GatewayHarness(
            EmulatorConfig.Builder emulator,
            Consumer<GatewayConfig.Builder> gatewayConfig,
            Ledger store,
            String ledgerPath,
            AdminToken adminToken) {
        aws = Emulator.start(emulator.build(), new PrintStream(new ByteArrayOutputStream()));
        GatewayConfig.Builder b = GatewayConfig.builder()
                .port(0)
                .roleArn(ROLE_ARN)
                .upstream(aws.endpoint().toString());
        gatewayConfig.accept(b);
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        gateway = Gateway.start(
                b.build(),
                new Gateway.Services(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                        store == null ? ledger : KeyLookup.of(store.keys()),
                        store == null ? ledger : store::record,
                        store == null ? () -> true : store::writable,
                        InstantSource.system(),
                        false,
                        PriceCatalog.builtIn(),
                        out,
                        out,
                        Optional.ofNullable(store),
                        Optional.ofNullable(ledgerPath),
                        Optional.ofNullable(adminToken)));
    }

    GatewayHarness() {
        this(EmulatorConfig.builder(), b -> {});
    }

    /**
     * A gateway's services for a test that starts its own gateways: this harness's AWS credentials (which the
     * emulator knows), the built-in prices, real time for the emulator, and both logs to {@code out}.
     */
    static Gateway.Services services(
            KeyLookup keys, UsageSink usage, BooleanSupplier writable, InstantSource clock, PrintStream out) {
        return new Gateway.Services(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                keys,
                usage,
                writable,
                clock,
                false,
                PriceCatalog.builtIn(),
                out,
                out);
    }

    /**
     * As {@link #services(KeyLookup, UsageSink, BooleanSupplier, InstantSource, PrintStream)}, for a gateway on
     * {@code store}, a ledger at {@code location}, whose keys, budgets and limits its admin API manages behind
     * {@code adminToken}: what {@code tally gateway --ledger LOCATION} with an admin token has.
     */
    static Gateway.Services services(
            Ledger store, String location, AdminToken adminToken, InstantSource clock, PrintStream out) {
        return new Gateway.Services(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                KeyLookup.of(store.keys()),
                UsageSink.of(store),
                store::writable,
                clock,
                false,
                PriceCatalog.builtIn(),
                out,
                out,
                Optional.of(store),
                Optional.of(location),
                Optional.of(adminToken));
    }

    static GatewayHarness withCur(Path curOut) {
        return new GatewayHarness(EmulatorConfig.builder().curOut(curOut), b -> {});
    }

    URI endpoint() {
        return gateway.endpoint();
    }

    long upstreamCalls(String api) {
        return aws.calls().counts().getOrDefault(api, 0L);
    }

    long upstreamCallsTotal() {
        return aws.calls().counts().values().stream().mapToLong(Long::longValue).sum();
    }

    HttpResponse<String> post(String path, String key, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            r.header("Authorization", "Bearer " + key);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder r =
                HttpRequest.newBuilder(URI.create(endpoint() + path)).GET();
        if (key != null) {
            r.header("Authorization", "Bearer " + key);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    Map<String, Long> counts() {
        return aws.calls().counts();
    }

    @Override
    public void close() {
        gateway.close();
        aws.close();
        http.close();
    }
}
