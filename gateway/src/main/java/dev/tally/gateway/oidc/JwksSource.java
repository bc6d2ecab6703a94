package dev.tally.gateway.oidc;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The provider's signing keys, from a JWKS URL or file: fetched on first use, trusted for {@code refresh}, then
 * fetched again. A token whose {@code kid} is not in the set (the provider rotated its keys) triggers an early
 * refetch, at most once per {@code minRefetch}: forged kids cannot make the gateway hammer the provider. A failed
 * refetch keeps the keys it had (a provider outage does not lock everyone out); only public keys are kept.
 */
public final class JwksSource implements JWKSource<SecurityContext> {
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private record Loaded(JWKSet keys, long atNanos) {}

    private final URI location;
    private final long refreshNanos;
    private final long minRefetchNanos;
    private final PrintStream diagnostics;
    private final @Nullable HttpClient http;
    private final AtomicLong fetches = new AtomicLong();
    private volatile @Nullable Loaded current;
    /** Guarded by {@code this}: when the last fetch was tried, successful or not. */
    private long lastAttemptNanos;

    private boolean attempted;

    public JwksSource(URI location, Duration refresh, Duration minRefetch, PrintStream diagnostics) {
        this.location = requireNonNull(location, "location is null");
        this.refreshNanos = refresh.toNanos();
        this.minRefetchNanos = minRefetch.toNanos();
        this.diagnostics = requireNonNull(diagnostics, "diagnostics is null");
        this.http = location.getScheme().startsWith("http")
                ? HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build()
                : null;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Loaded seen = current;
        if (seen == null || System.nanoTime() - seen.atNanos() > refreshNanos) {
            seen = reload(seen);
        }
        List<JWK> keys = selector.select(seen.keys());
        if (keys.isEmpty()) {
            // An unknown kid: most likely a rotation since the last fetch.
            keys = selector.select(reload(seen).keys());
        }
        return keys;
    }

    /** How many times the keys were fetched (for tests and the metrics). */
    public long fetches() {
        return fetches.get();
    }

    // Identity is meant: whether another request replaced the snapshot this one saw.
    @SuppressWarnings("ReferenceEquality")
    private synchronized Loaded reload(@Nullable Loaded seen) throws KeySourceException {
        Loaded now = current;
        if (now != seen && now != null) {
            return now; // another request fetched meanwhile
        }
        long t = System.nanoTime();
        if (now != null && attempted && t - lastAttemptNanos < minRefetchNanos) {
            return now;
        }
        attempted = true;
        lastAttemptNanos = t;
        try {
            Loaded loaded = new Loaded(fetch().toPublicJWKSet(), t);
            current = loaded;
            return loaded;
        } catch (IOException | ParseException e) {
            diagnostics.println("tally gateway: cannot load the OIDC signing keys from " + location + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + (now == null ? "" : " (keeping the keys fetched before)"));
            if (now == null) {
                throw new KeySourceException("the signing keys could not be loaded from " + location, e);
            }
            return now;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeySourceException("interrupted while loading the signing keys", e);
        }
    }

    private JWKSet fetch() throws IOException, ParseException, InterruptedException {
        fetches.incrementAndGet();
        if (http == null) {
            return JWKSet.parse(Files.readString(Path.of(location)));
        }
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(location).timeout(FETCH_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode());
        }
        return JWKSet.parse(r.body());
    }
}
