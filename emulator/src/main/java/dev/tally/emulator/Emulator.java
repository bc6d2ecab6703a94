package dev.tally.emulator;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.core.sts.SessionName;
import dev.tally.core.sts.SessionTags;
import dev.tally.cur.CurLineItem;
import dev.tally.emulator.auth.AwsJsonAuth;
import dev.tally.emulator.auth.CredentialStore;
import dev.tally.emulator.auth.SessionCredentials;
import dev.tally.emulator.auth.SigV4Verifier;
import dev.tally.emulator.bedrock.BedrockAuth;
import dev.tally.emulator.bedrock.BedrockRuntime;
import dev.tally.emulator.bedrock.ControlPlane;
import dev.tally.emulator.bedrock.ModelResolver;
import dev.tally.emulator.billing.CurExport;
import dev.tally.emulator.billing.UsageLedger;
import dev.tally.emulator.clock.EmulatedClock;
import dev.tally.emulator.costexplorer.CostExplorerService;
import dev.tally.emulator.dataexports.DataExportsService;
import dev.tally.emulator.fault.FaultPlan;
import dev.tally.emulator.http.LoopbackServer;
import dev.tally.emulator.inspect.CallLog;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A local AWS on 127.0.0.1: STS, Bedrock runtime and control plane behind one endpoint, billing every
 * inference call to the principal that signed it and writing the bill as a CUR 2.0 export. Start it
 * in-process ({@code try (var aws = Emulator.start(config)) { ... aws.endpoint() ... }}); {@code tally
 * emulator} is a thin command around this class.
 */
public final class Emulator implements AutoCloseable {
    private final EmulatorConfig config;
    private final CallLog log = new CallLog();
    private final CredentialStore credentials;
    private final UsageLedger ledger;
    private final Optional<CurExport> export;
    private final LoopbackServer server;
    private final ScheduledExecutorService flusher;
    private final PrintStream diagnostics;
    private volatile boolean closed;

    private Emulator(EmulatorConfig config, PrintStream diagnostics) {
        this.config = requireNonNull(config, "config is null");
        this.diagnostics = requireNonNull(diagnostics, "diagnostics is null");
        credentials = new CredentialStore(config.accountId(), config.users(), config.apiKeys());
        SigV4Verifier verifier = new SigV4Verifier(credentials);
        FaultPlan faults = new FaultPlan(config.faults());
        ledger = new UsageLedger(config.accountId(), config.catalog(), config.granularity());
        export = config.curOut()
                .map(dir -> new CurExport(dir, config.exportName(), config.accountId(), config.region(), ledger));
        BedrockAuth auth = new BedrockAuth(credentials, verifier);
        EmulatedClock clock = new EmulatedClock(config.clock());
        AwsJsonAuth jsonAuth = new AwsJsonAuth(verifier);
        Router router = new Router(
                new dev.tally.emulator.sts.StsService(
                        config.accountId(), config.roles(), credentials, verifier, faults, log),
                new BedrockRuntime(
                        auth,
                        new ModelResolver(config.catalog(), config.region(), config.accountId()),
                        ledger,
                        clock,
                        faults,
                        config.latency(),
                        log),
                new ControlPlane(auth, config.catalog(), config.region(), config.accountId(), log),
                new CostExplorerService(
                        jsonAuth, this::billedLineItems, clock::now, config.costExplorerPageSize(), log),
                new DataExportsService(jsonAuth, config.accountId(), clock::now, log),
                new dev.tally.emulator.sso.SsoPortal(config.accountId(), credentials, log),
                new Inspection(log, this::flush));
        server = new LoopbackServer(config.port(), router, this::reportBug);
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tally-emulator-flush");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * An exception inside the emulator: a test tool's own bug must be visible, so the whole trace goes where its
     * operator looks (the diagnostics stream) and a record where a test looks ({@code GET /_emulator/calls}).
     */
    void reportBug(String method, String path, Throwable bug) {
        log.internalError(method, path, bug);
        synchronized (diagnostics) {
            diagnostics.println("tally emulator: internal error on " + method + " " + path + ":");
            bug.printStackTrace(diagnostics);
        }
    }

    /** Starts an emulator; diagnostics (flush failures, its own bugs with their stack traces) go to stderr. */
    public static Emulator start(EmulatorConfig config) {
        return start(config, System.err);
    }

    public static Emulator start(EmulatorConfig config, PrintStream diagnostics) {
        Emulator emulator = new Emulator(config, diagnostics);
        emulator.server.start();
        if (emulator.export.isPresent()) {
            long every = config.flushInterval().toMillis();
            // The schedule's future is not needed: close() ends it (shutdownNow), and flushIfDirty reports its own
            // failures and retries at the next tick.
            Future<?> _ = emulator.flusher.scheduleWithFixedDelay(
                    emulator::flushIfDirty, every, every, TimeUnit.MILLISECONDS);
        }
        return emulator;
    }

    /** {@code http://127.0.0.1:PORT}: the endpoint for STS, Bedrock runtime and Bedrock control plane alike. */
    public URI endpoint() {
        return server.endpoint();
    }

    public EmulatorConfig config() {
        return config;
    }

    /** What the emulator received so far (also served as {@code GET /_emulator/calls}). */
    public CallLog calls() {
        return log;
    }

    /**
     * TCP connections accepted so far: how a test sees that a client keeps its connections alive (the gateway's
     * upstream pool) instead of opening one per call.
     */
    public long connectionsAccepted() {
        return server.connectionsAccepted();
    }

    /** The export's root folder ({@code DIR/<export-name>}), when billing is written. */
    public Optional<Path> exportRoot() {
        return export.map(CurExport::root);
    }

    /** Writes every billing period that changed; returns the data files written (none without --cur-out). */
    public List<Path> flush() {
        return export.map(CurExport::flush).orElse(List.of());
    }

    /**
     * Issues role-session credentials directly, bypassing STS: for tests that need credentials AssumeRole
     * would never hand out, such as already-expired ones (a zero or negative {@code validity}).
     */
    public SessionCredentials issueSessionCredentials(
            String roleName, String sessionName, Map<String, String> tags, Duration validity) {
        if (config.roles().stream().noneMatch(r -> r.name().equals(roleName))) {
            throw TallyException.usage("no role '" + roleName + "' in this emulator");
        }
        return credentials.issue(roleName, SessionName.of(sessionName), SessionTags.of(tags), validity);
    }

    /**
     * Blocks until the JVM is asked to stop (SIGINT, SIGTERM), then closes this emulator (a last billing
     * flush included) before the JVM exits: the whole life of {@code tally emulator}.
     */
    public void awaitShutdown() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            close();
                            stopped.countDown();
                        },
                        "tally-emulator-shutdown"));
        stopped.await();
    }

    /** Stops serving, then flushes billing one last time. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        flusher.shutdownNow();
        try {
            flush();
        } catch (RuntimeException e) {
            diagnostics.println("tally emulator: final billing flush failed: " + e.getMessage());
        }
    }

    /** Every line item billed so far: what the CUR 2.0 export holds, and what Cost Explorer answers from. */
    private List<CurLineItem> billedLineItems() {
        return ledger.periods().stream()
                .sorted()
                .flatMap(p -> ledger.lineItems(p).stream())
                .toList();
    }

    private void flushIfDirty() {
        if (!ledger.isDirty() || closed) {
            return;
        }
        try {
            flush();
        } catch (RuntimeException e) {
            diagnostics.println("tally emulator: billing flush failed (will retry): " + e.getMessage());
        }
    }
}
