package dev.tally.gateway.bench;

import com.sun.net.httpserver.HttpServer;
import dev.tally.core.price.PriceCatalog;
import dev.tally.emulator.ApiKey;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.gateway.Gateway;
import dev.tally.gateway.KeyLookup;
import dev.tally.gateway.UsageSink;
import dev.tally.gateway.config.GatewayConfig;
import dev.tally.gateway.govern.Governance;
import dev.tally.gateway.govern.Governor;
import dev.tally.ledger.BudgetPeriod;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.PerMinute;
import dev.tally.ledger.Scope;
import dev.tally.ledger.SyncMode;
import dev.tally.testing.PostgresServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * For bench/govern/run.sh: the emulator (with a Bedrock API key: the direct baseline), a real PostgreSQL with
 * pg_stat_statements, and in this JVM four gateways: two replicas on the PostgreSQL ledger and one on a SQLite
 * ledger, all with budgets (user, team and key, hard) and rate limits (requests and tokens per minute, set high
 * enough never to refuse) on; and one on SQLite with nothing governed. Prints one line each: emulator URL, direct
 * key, replica A, replica B, SQLite governed, SQLite ungoverned, the PostgreSQL key, the SQLite key, the stats URL
 * (GET: PostgreSQL transactions committed and statements executed in the ledger's database so far). Serves until
 * killed.
 */
public final class GovernBenchServer {
    private static final String EMULATOR_KEY = "bench-direct-key";
    /** The PostgreSQL writers' linger: the default, or -Dtally.bench.lingerMillis (bench/govern/run.sh's LINGER_MS). */
    private static final Duration LINGER =
            Duration.ofMillis(Long.getLong("tally.bench.lingerMillis", Ledger.DEFAULT_LINGER.toMillis()));

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tally-govern-bench");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Emulator aws = Emulator.start(
                EmulatorConfig.builder()
                        .apiKey(ApiKey.parse(EMULATOR_KEY + "=arn:aws:iam::123456789012:user/BedrockAPIKey-bench"))
                        .build(),
                quiet);
        PostgresServer postgres = PostgresServer.start("-c shared_preload_libraries=pg_stat_statements");
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        postgres.useForDriver();
        String pgUrl = postgres.createDatabase("bench");
        try (Connection c = postgres.connect("bench");
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION pg_stat_statements");
        }
        String sqlite = dir.resolve("governed.db").toString();
        String pgKey = governed(pgUrl);
        String sqliteKey = governed(sqlite);
        Gateway a = replica(aws, pgUrl, true, quiet);
        Gateway b = replica(aws, pgUrl, true, quiet);
        Gateway s = replica(aws, sqlite, true, quiet);
        // The ungoverned one shares the governed SQLite ledger's keys by using the same file, without a governor.
        Gateway n = replica(aws, dir.resolve("governed.db").toString(), false, quiet);
        HttpServer stats = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stats.createContext("/stats", exchange -> {
            String body;
            try (Connection c = postgres.connect("bench");
                    Statement st = c.createStatement();
                    ResultSet r = st.executeQuery("SELECT (SELECT xact_commit FROM pg_stat_database"
                            + " WHERE datname = 'bench'), (SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements s"
                            + " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'bench'"
                            + " AND s.query NOT LIKE '%pg_stat%')")) {
                r.next();
                body = r.getLong(1) + " " + r.getLong(2) + "\n";
            } catch (Exception e) {
                body = "error " + e.getMessage() + "\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        stats.createContext("/top", exchange -> {
            StringBuilder out = new StringBuilder();
            try (Connection c = postgres.connect("bench");
                    Statement st = c.createStatement()) {
                try (ResultSet r = st.executeQuery("SELECT count(*) FROM usage_event")) {
                    r.next();
                    out.append("usage events: ").append(r.getLong(1)).append('\n');
                }
                try (ResultSet r = st.executeQuery("SELECT calls, rows, regexp_replace(left(query, 110), '\\s+', ' ',"
                        + " 'g') FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
                        + " WHERE d.datname = 'bench' AND s.query NOT LIKE '%pg_stat%' ORDER BY calls DESC LIMIT 25")) {
                    while (r.next()) {
                        out.append(
                                String.format("%9d calls %9d rows  %s%n", r.getLong(1), r.getLong(2), r.getString(3)));
                    }
                }
            } catch (Exception e) {
                out.append("error ").append(e.getMessage()).append('\n');
            }
            byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        stats.start();
        System.out.println(aws.endpoint());
        System.out.println(EMULATOR_KEY);
        System.out.println(a.endpoint());
        System.out.println(b.endpoint());
        System.out.println(s.endpoint());
        System.out.println(n.endpoint());
        System.out.println(pgKey);
        System.out.println(sqliteKey);
        System.out.println("http://127.0.0.1:" + stats.getAddress().getPort() + "/stats");
        System.out.flush();
        Thread.currentThread().join();
    }

    /** A key with a user, team and key budget (hard, far from spent) and rate limits that never refuse. */
    private static String governed(String location) {
        try (Ledger ledger = Ledger.open(location, SyncMode.NORMAL)) {
            var key = ledger.keys().create("bench", Map.of("Team", "perf"));
            BigDecimal big = new BigDecimal("1000000");
            for (String scope :
                    List.of("user:bench", "team:perf", "key:" + key.apiKey().id())) {
                ledger.budgets()
                        .set(Scope.parse(scope), big, BudgetPeriod.MONTHLY, false, List.of(new BigDecimal("80")));
            }
            ledger.limits()
                    .set(
                            Scope.parse("key:" + key.apiKey().id()),
                            PerMinute.NONE.withRequests(10_000_000).withTokens(100_000_000_000L),
                            List.of());
            ledger.limits().set(Scope.parse("team:perf"), PerMinute.NONE.withRequests(10_000_000), List.of());
            return key.key();
        }
    }

    private static Gateway replica(Emulator aws, String location, boolean governed, PrintStream quiet) {
        Ledger ledger = Ledger.open(location, SyncMode.NORMAL, LINGER, Clock.systemUTC());
        Governance governance = governed
                ? Governor.start(
                        new Governor.Store(ledger.budgets(), ledger.limits(), ledger.leases()),
                        Governor.Settings.DEFAULTS,
                        InstantSource.system(),
                        PriceCatalog.builtIn(),
                        System.err)
                : Governance.NONE;
        return Gateway.start(
                GatewayConfig.builder()
                        .port(0)
                        .upstream(aws.endpoint().toString())
                        .roleArn("arn:aws:iam::123456789012:role/tally-dev")
                        .build(),
                new Gateway.Services(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                        KeyLookup.of(ledger.keys()),
                        UsageSink.of(ledger),
                        ledger::writable,
                        InstantSource.system(),
                        false,
                        PriceCatalog.builtIn(),
                        quiet,
                        System.err),
                governance);
    }
}
