package dev.tally.cli.gateway;

import dev.tally.cli.PricesOption;
import dev.tally.core.error.TallyException;
import dev.tally.core.io.Signals;
import dev.tally.emulator.clock.ClockSpec;
import dev.tally.emulator.clock.EmulatedClock;
import dev.tally.gateway.Gateway;
import dev.tally.gateway.KeyLookup;
import dev.tally.gateway.UsageSink;
import dev.tally.gateway.admin.AdminToken;
import dev.tally.gateway.config.ConfigFile;
import dev.tally.gateway.config.GatewayConfig;
import dev.tally.gateway.govern.Governor;
import dev.tally.ledger.Ledger;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * {@code tally gateway}: a thin command around {@link Gateway} that owns what a process owns: the ledger, the
 * gateway's own AWS credentials (the standard chain), the clock and the signals. The first line on stdout is the
 * endpoint URL; the access log and everything else go to stderr. SIGTERM or SIGINT drains in-flight requests,
 * commits the ledger and exits 0.
 */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a Bedrock endpoint for many users: each caller's key becomes their own assumed-role session (so AWS "
                    + "bills them by name and tags), and every token is metered into the ledger before the response ends.",
            "Clients point at it with a bearer key: AWS_BEARER_TOKEN_BEDROCK=<key> and the endpoint URL "
                    + "(ANTHROPIC_BEDROCK_BASE_URL for Claude Code, --endpoint-url for the AWS CLI)."
        },
        footer = {
            "",
            "Examples:",
            "  tally gateway --role-arn arn:aws:iam::123456789012:role/bedrock-users",
            "  tally gateway --upstream http://127.0.0.1:4566 \\",
            "      --role-arn arn:aws:iam::123456789012:role/tally-dev",
            "  tally gateway --config gateway.yaml --port 9000",
            "See docs/gateway.md for the config file, identity, metering and durability."
        })
public final class GatewayCommand implements Callable<Integer> {
    /** Caffeine reports each failed AssumeRole through java.util.logging; the access log already says it. */
    private static final Logger CAFFEINE = Logger.getLogger("com.github.benmanes.caffeine");

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings; flags override them.")
    @Nullable
    Path config;

    @Option(names = "--port", paramLabel = "P", description = "TCP port (default: 8787).")
    @Nullable
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: 127.0.0.1).")
    @Nullable
    String bind;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain for HTTPS.")
    @Nullable
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM PKCS#8 private key for HTTPS.")
    @Nullable
    Path tlsKey;

    @Option(
            names = "--insecure",
            description = "Allow plain HTTP on a non-loopback address (keys then travel unencrypted).")
    @Nullable
    Boolean insecure;

    @Option(
            names = "--upstream",
            paramLabel = "URL",
            description = "One endpoint for STS, Bedrock runtime and control plane (tally emulator); "
                    + "default: AWS's regional endpoints.")
    @Nullable
    String upstream;

    @Option(names = "--region", paramLabel = "R", description = "AWS region (default: us-east-1).")
    @Nullable
    String region;

    @Option(names = "--role-arn", paramLabel = "ARN", description = "The role each user's session is assumed on.")
    @Nullable
    String roleArn;

    @Option(
            names = "--ledger",
            paramLabel = "PATH|JDBC-URL",
            description = "The ledger: a SQLite file, a jdbc:sqlite: URL, or jdbc:postgresql://HOST:PORT/DB shared by"
                    + " several replicas (password from PGPASSWORD or ~/.pgpass) (default: tally-ledger.db).")
    @Nullable
    String ledger;

    @Option(
            names = "--ledger-sync",
            paramLabel = "normal|full",
            description = "normal survives a killed process; full also survives power loss (default: normal).")
    @Nullable
    String ledgerSync;

    @Option(
            names = "--ledger-linger",
            paramLabel = "DURATION",
            description = "PostgreSQL: how long a commit may wait for more events while they come faster than that"
                    + " (a commit is a round trip); 0ms commits each at once; SQLite ignores it (default: 3ms).")
    @Nullable
    String ledgerLinger;

    @Option(names = "--log-format", paramLabel = "text|json", description = "Access log format (default: text).")
    @Nullable
    String logFormat;

    @Option(
            names = "--clock",
            paramLabel = "SPEC",
            description = "Ledger time like the emulator's, e.g. start=2026-11-01T00:00:00Z,speed=3600.")
    @Nullable
    String clock;

    @Option(
            names = "--admin-token-file",
            paramLabel = "FILE",
            description = "A file holding the admin API's token (or set TALLY_ADMIN_TOKEN; never a flag value, which "
                    + "the process list would show). Without either, the admin API answers 401.")
    @Nullable
    Path adminTokenFile;

    @Option(
            names = "--lease-ttl",
            paramLabel = "SECONDS",
            description = "How long this replica's slices of budgets and rates outlive it if it dies (default: 15).")
    @Nullable
    String leaseTtl;

    @Mixin
    PricesOption prices = new PricesOption();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GatewayConfig settings = settings();
        Optional<AdminToken> adminToken = adminToken();
        InstantSource time = settings.clock()
                .map(c -> (InstantSource) new EmulatedClock(ClockSpec.parse(c))::now)
                .orElse(InstantSource.system());
        CAFFEINE.setLevel(Level.OFF);
        var catalog = prices.load(err);
        PrintStream log = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        try (Ledger store = Ledger.open(
                        settings.ledger(),
                        settings.ledgerSync(),
                        settings.ledgerLinger(),
                        time.withZone(ZoneOffset.UTC));
                DefaultCredentialsProvider credentials =
                        DefaultCredentialsProvider.builder().build()) {
            Governor governor = Governor.start(
                    new Governor.Store(store.budgets(), store.limits(), store.leases()),
                    Governor.Settings.DEFAULTS.withLeaseTtl(leaseTtl()),
                    time,
                    catalog,
                    log);
            Gateway gateway = Gateway.start(
                    settings,
                    new Gateway.Services(
                            credentials,
                            KeyLookup.of(store.keys()),
                            UsageSink.of(store),
                            store::writable,
                            time,
                            settings.clock().isPresent(),
                            catalog,
                            log,
                            log,
                            Optional.of(store),
                            Optional.of(settings.ledger()),
                            adminToken),
                    governor);
            // After the port opened: a gateway that failed to start leaves the JVM's own signal handling alone.
            CountDownLatch stop = new CountDownLatch(1);
            onSignal("TERM", stop);
            onSignal("INT", stop);
            out.println(gateway.endpoint());
            out.flush();
            err.println("tally gateway: listening on " + gateway.endpoint() + " (started in "
                    + ManagementFactory.getRuntimeMXBean().getUptime() + " ms), role " + settings.roleArn()
                    + ", upstream " + settings.upstream().map(Object::toString).orElse("AWS " + settings.region())
                    + ", ledger " + store.location()
                    + (adminToken.isPresent() ? ", admin API on" : ", admin API off (no admin token)"));
            err.flush();
            stop.await();
            err.println("tally gateway: draining in-flight requests (at most "
                    + settings.limits().drainTimeout().toSeconds() + " s)");
            err.flush();
            gateway.close();
            governor.close();
        }
        err.println("tally gateway: stopped; the ledger is committed");
        err.flush();
        return 0;
    }

    /** From the file, else TALLY_ADMIN_TOKEN; the file wins so a stray variable cannot replace a deployed token. */
    private Optional<AdminToken> adminToken() {
        if (adminTokenFile != null) {
            try {
                return Optional.of(
                        AdminToken.of(Files.readString(adminTokenFile), "--admin-token-file " + adminTokenFile));
            } catch (NoSuchFileException e) {
                throw TallyException.usage("--admin-token-file " + adminTokenFile + ": no such file");
            } catch (IOException e) {
                throw TallyException.usage("--admin-token-file " + adminTokenFile + ": cannot read it ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        String env = System.getenv("TALLY_ADMIN_TOKEN");
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(AdminToken.of(env, "TALLY_ADMIN_TOKEN"));
    }

    private Duration leaseTtl() {
        if (leaseTtl == null) {
            return Governor.Settings.DEFAULTS.leaseTtl();
        }
        try {
            double seconds = Double.parseDouble(leaseTtl.strip());
            if (seconds >= 0.3 && seconds <= 3600) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw TallyException.usage("--lease-ttl '" + leaseTtl + "' is not a number of seconds between 0.3 and 3600");
    }

    private GatewayConfig settings() {
        GatewayConfig.Builder b = GatewayConfig.builder();
        if (config != null) {
            ConfigFile.apply(config, b);
        }
        if (port != null) {
            b.port(port);
        }
        if (bind != null) {
            b.bind(bind);
        }
        if (tlsCert != null) {
            b.tlsCert(tlsCert);
        }
        if (tlsKey != null) {
            b.tlsKey(tlsKey);
        }
        if (insecure != null) {
            b.insecure(insecure);
        }
        if (upstream != null) {
            b.upstream(upstream);
        }
        if (region != null) {
            b.region(region);
        }
        if (roleArn != null) {
            b.roleArn(roleArn);
        }
        if (ledger != null) {
            b.ledger(ledger);
        }
        if (ledgerSync != null) {
            b.ledgerSync(ledgerSync);
        }
        if (ledgerLinger != null) {
            b.ledgerLinger(ledgerLinger);
        }
        if (logFormat != null) {
            b.logFormat(logFormat);
        }
        if (clock != null) {
            b.clock(clock);
        }
        GatewayConfig built = b.build();
        built.clock().ifPresent(ClockSpec::parse);
        return built;
    }

    /** SIGTERM and SIGINT start a drain instead of the JVM's immediate exit (which would answer 143). */
    private static void onSignal(String name, CountDownLatch stop) {
        if (!Signals.handle(name, n -> stop.countDown())) {
            throw new IllegalStateException("cannot handle SIG" + name + ": this JVM has no sun.misc.Signal");
        }
    }
}
