package dev.tally.cli.demo;

import dev.tally.core.price.PriceCatalog;
import dev.tally.gateway.Gateway;
import dev.tally.gateway.KeyLookup;
import dev.tally.gateway.config.GatewayConfig;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real {@code tally gateway} in this process, in front of the emulator, metering into a SQLite ledger. Its clock
 * is the demo's: the demo sets the emulated time before each call, the gateway stamps the call's usage event with
 * it and sends it to the emulator, so the ledger and the bill put every call on the same UTC day.
 */
final class LocalGateway implements AutoCloseable {
    private final AtomicReference<Instant> now;
    private final Ledger ledger;
    private final Gateway gateway;

    /**
     * @param ownKeys the gateway's own AWS credentials, those that call AssumeRole on {@code roleArn}
     * @param keysCreated when the keys are stamped as created: before the first emulated call
     */
    LocalGateway(
            URI upstream,
            String roleArn,
            AwsBasicCredentials ownKeys,
            String ledgerPath,
            PriceCatalog prices,
            Instant keysCreated) {
        this.now = new AtomicReference<>(keysCreated);
        this.ledger = Ledger.open(
                ledgerPath, SyncMode.NORMAL, Ledger.DEFAULT_LINGER, Clock.fixed(keysCreated, ZoneOffset.UTC));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Gateway started;
        try {
            started = Gateway.start(
                    GatewayConfig.builder()
                            .port(0)
                            .roleArn(roleArn)
                            .upstream(upstream.toString())
                            .ledger(ledgerPath)
                            .build(),
                    new Gateway.Services(
                            StaticCredentialsProvider.create(ownKeys),
                            KeyLookup.of(ledger.keys()),
                            ledger::record,
                            ledger::writable,
                            now::get,
                            true,
                            prices,
                            quiet,
                            quiet));
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
        this.gateway = started;
    }

    URI endpoint() {
        return gateway.endpoint();
    }

    /** A new key for {@code user}: the secret goes to the caller, never to the demo's output. */
    String keyFor(String user, Map<String, String> tags) {
        return ledger.keys().create(user, tags).key();
    }

    /** The emulated time of the next call. Calls are made one at a time, so one clock serves them all. */
    void at(Instant time) {
        now.set(time);
    }

    /** Stops the gateway, then the ledger: every usage event is committed when this returns. */
    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            ledger.close();
        }
    }
}
