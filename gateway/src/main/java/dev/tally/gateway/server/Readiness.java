package dev.tally.gateway.server;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@code /readyz}: the ledger takes writes and the upstream accepts connections. Probed at most every two seconds,
 * so a load balancer polling hard does not become load.
 */
public final class Readiness {
    private static final long PROBE_EVERY_NANOS = 2_000_000_000L;
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private final BooleanSupplier ledgerWritable;
    private final URI upstream;
    private long probedAt;
    private Optional<String> lastAnswer = Optional.of("not probed yet");
    private boolean probed;

    public Readiness(BooleanSupplier ledgerWritable, URI upstream) {
        this.ledgerWritable = requireNonNull(ledgerWritable, "ledgerWritable is null");
        this.upstream = requireNonNull(upstream, "upstream is null");
    }

    /** Empty when ready, else why not. */
    public synchronized Optional<String> notReadyBecause() {
        long now = System.nanoTime();
        if (probed && now - probedAt < PROBE_EVERY_NANOS) {
            return lastAnswer;
        }
        probed = true;
        probedAt = now;
        lastAnswer = probe();
        return lastAnswer;
    }

    private Optional<String> probe() {
        if (!ledgerWritable.getAsBoolean()) {
            return Optional.of("ledger not writable");
        }
        int port = upstream.getPort() > 0
                ? upstream.getPort()
                : upstream.getScheme().equals("https") ? 443 : 80;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(upstream.getHost(), port), CONNECT_TIMEOUT_MILLIS);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("upstream " + upstream.getHost() + ":" + port + " unreachable");
        }
    }
}
