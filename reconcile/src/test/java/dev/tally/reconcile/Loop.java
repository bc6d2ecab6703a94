package dev.tally.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.price.PriceCatalog;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.Granularity;
import dev.tally.emulator.fault.FaultSpec;
import dev.tally.gateway.Gateway;
import dev.tally.gateway.KeyLookup;
import dev.tally.gateway.config.GatewayConfig;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import dev.tally.report.query.ReportEngine;
import dev.tally.report.read.S3Fetcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The whole loop on loopback, in this process: {@code tally emulator} as Bedrock and biller (writing CUR 2.0 Parquet,
 * daily), {@code tally gateway} in front of it metering into a SQLite ledger, and a clock the test moves: the gateway
 * stamps each call's ledger time on the emulator's bill, so both put a call on the same UTC day.
 */
final class Loop implements AutoCloseable {
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/tally-dev";
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String SESSION_PREFIX = "arn:aws:sts::123456789012:assumed-role/tally-dev/";
    static final String SONNET = "us.anthropic.claude-sonnet-4-6";
    static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";

    final Path dir;
    final Path cur;
    final String ledgerPath;
    final Emulator aws;
    final Ledger ledger;
    final Gateway gateway;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-02T10:00:00Z"));
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Loop(Path dir) {
        this(dir, PriceCatalog.builtIn(), FaultSpec.NONE);
    }

    /** With the gateway pricing by {@code gatewayPrices} (the emulator bills by the built-in catalog). */
    Loop(Path dir, PriceCatalog gatewayPrices, FaultSpec faults) {
        this(dir, dir.resolve("ledger.db").toString(), gatewayPrices, faults);
    }

    /** With the ledger at {@code ledgerLocation}: a SQLite path or a PostgreSQL JDBC URL, as --ledger takes it. */
    Loop(Path dir, String ledgerLocation) {
        this(dir, ledgerLocation, PriceCatalog.builtIn(), FaultSpec.NONE);
    }

    private Loop(Path dir, String ledgerLocation, PriceCatalog gatewayPrices, FaultSpec faults) {
        this.dir = dir;
        this.cur = dir.resolve("cur");
        this.ledgerPath = ledgerLocation;
        aws = Emulator.start(
                EmulatorConfig.builder()
                        .curOut(cur)
                        .granularity(Granularity.DAILY)
                        .faults(faults)
                        .build(),
                new PrintStream(new ByteArrayOutputStream()));
        ledger = Ledger.open(ledgerPath, SyncMode.NORMAL);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        InstantSource clock = now::get;
        gateway = Gateway.start(
                GatewayConfig.builder()
                        .port(0)
                        .roleArn(ROLE_ARN)
                        .upstream(aws.endpoint().toString())
                        .build(),
                new Gateway.Services(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                        KeyLookup.of(ledger.keys()),
                        ledger::record,
                        ledger::writable,
                        clock,
                        true,
                        gatewayPrices,
                        quiet,
                        quiet));
    }

    void at(String instant) {
        now.set(Instant.parse(instant));
    }

    String key(String user, Map<String, String> tags) {
        return ledger.keys().create(user, tags).key();
    }

    HttpResponse<String> post(String path, String key, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(gateway.endpoint() + path))
                .header("content-type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    void ok(String path, String key, String body) throws Exception {
        HttpResponse<String> r = post(path, key, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Every kind of call and token: converse, invoke with 5-minute and one-hour cache writes and reads, streams. */
    void traffic(String key, String who) throws Exception {
        ok("/model/" + SONNET + "/converse", key, converse("Converse for " + who));
        ok("/model/" + HAIKU + "/invoke", key, anthropic("Invoke for " + who, "5m"));
        ok("/model/" + HAIKU + "/invoke", key, anthropic("Invoke again for " + who, "5m"));
        ok("/model/" + SONNET + "/invoke-with-response-stream", key, anthropic("Stream for " + who, "1h"));
        ok("/model/" + SONNET + "/invoke-with-response-stream", key, anthropic("Stream again for " + who, "1h"));
        ok("/model/" + SONNET + "/converse-stream", key, converse("Converse stream for " + who));
    }

    /** The bill as it stands: the emulator writes every billing period whole. */
    void flush() {
        aws.flush();
    }

    /** A copy of the export as it is now, for a bill that stops at a day. */
    Path snapshotCur(String name) throws IOException {
        Path copy = dir.resolve(name);
        try (var files = Files.walk(cur)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(cur.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return copy;
    }

    static Reconciliation reconcile(ReconcileRequest request) {
        S3Fetcher s3 = new S3Fetcher(Path.of("unused-s3-cache"), s -> {}, S3Fetcher.clients());
        return new Reconciler(new ReportEngine(s3, ReportEngine.Progress.none()), s3).run(request);
    }

    /** The ledger's total cost by plain SQL, not the ledger's reader. */
    BigDecimal ledgerCostBySql() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledgerPath)) {
            return ledgerCostBySql(c);
        }
    }

    /** The same on a connection the test opened itself (a PostgreSQL ledger). */
    static BigDecimal ledgerCostBySql(Connection c) throws Exception {
        BigDecimal total = BigDecimal.ZERO;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT cost FROM usage_event")) {
            while (rs.next()) {
                total = total.add(new BigDecimal(rs.getString(1)));
            }
        }
        return total;
    }

    /** The bill's total cost and tokens by DuckDB on the export files alone, not the report's readers. */
    static BigDecimal[] billBySql(Path curDir) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT sum(CAST(line_item_unblended_cost AS DECIMAL(38,12))),"
                        + " sum(round(line_item_usage_amount * 1000))"
                        + " FROM read_parquet('" + curDir + "/tally-emulator/data/*/*.parquet')")) {
            rs.next();
            return new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)};
        }
    }

    static String converse(String text) {
        return """
                {"messages":[{"role":"user","content":[{"text":"%s"}]}],"inferenceConfig":{"maxTokens":40}}""".formatted(text);
    }

    /** A cached system prompt (written on first use, read after) with the given TTL, and a user turn. */
    static String anthropic(String text, String ttl) {
        String system = "You are a careful assistant who answers in one short sentence. " + ttl;
        return """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":40,
                 "system":[{"type":"text","text":"%s","cache_control":{"type":"ephemeral","ttl":"%s"}}],
                 "messages":[{"role":"user","content":"%s"}]}""".formatted(system, ttl, text);
    }

    @Override
    public void close() {
        gateway.close();
        aws.close();
        ledger.close();
        http.close();
    }
}
