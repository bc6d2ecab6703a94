package dev.tally.cli.gateway;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * The CLI's side of a running gateway's {@code /tally/v1} API: one request, one JSON answer, and every way it can
 * fail turned into one line that says what to check (the URL, whether the gateway runs, the token). Never puts the
 * bearer secret in a message.
 */
public final class AdminClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String bearer;
    private final String bearerName;

    /**
     * @param bearer the admin token, or for {@code /me} the caller's own key
     * @param bearerName where the bearer came from, for the 401 message ({@code TALLY_ADMIN_TOKEN})
     */
    private AdminClient(URI base, String bearer, String bearerName) {
        this.base = base;
        this.bearer = requireNonNull(bearer, "bearer is null");
        this.bearerName = requireNonNull(bearerName, "bearerName is null");
    }

    /**
     * A client of the admin API at {@code url}, presenting {@code bearer}.
     *
     * @throws TallyException USAGE for a URL that is not http(s)://host[:port]
     */
    public static AdminClient of(String url, String bearer, String bearerName) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw TallyException.usage("--gateway '" + url + "' is not a URL (expected e.g. http://127.0.0.1:8787)");
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw TallyException.usage(
                    "--gateway '" + url + "' is not an http:// or https:// URL (expected e.g. http://127.0.0.1:8787)");
        }
        String s = uri.toString();
        return new AdminClient(URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s), bearer, bearerName);
    }

    /** The admin token from {@code TALLY_ADMIN_TOKEN}; a one-line usage error when it is unset. */
    public static String adminToken(String fromEnvironment) {
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            throw TallyException.usage(
                    "--gateway needs the admin token in TALLY_ADMIN_TOKEN (the one the gateway was started with)");
        }
        return fromEnvironment.strip();
    }

    public JsonNode get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), pathAndQuery);
    }

    public JsonNode post(String path, String json) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                path);
    }

    public JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), path);
    }

    /** The raw body of a successful GET, for answers printed as they are. */
    public String getText(String pathAndQuery) {
        return exchange(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), pathAndQuery);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        String body = exchange(request, path);
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw TallyException.failure(
                    base + " answered " + path + " with something other than JSON: is it a tally gateway?", e);
        }
    }

    private String exchange(HttpRequest.Builder request, String path) {
        HttpResponse<String> r;
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            r = http.send(
                    request.timeout(TIMEOUT)
                            .header("Authorization", "Bearer " + bearer)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw TallyException.failure(
                    "cannot connect to the gateway at " + base + " (" + reason(e)
                            + "): is tally gateway running there?",
                    e);
        } catch (HttpTimeoutException e) {
            throw TallyException.failure(
                    "the gateway at " + base + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
        } catch (IOException | UnresolvedAddressException e) {
            throw TallyException.failure("cannot reach the gateway at " + base + " (" + reason(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TallyException.failure("interrupted while asking the gateway at " + base, e);
        }
        if (r.statusCode() == 401) {
            throw new TallyException(
                    ErrorKind.FAILURE,
                    "the gateway at " + base + " refused " + bearerName + " (401): " + message(r.body()));
        }
        if (r.statusCode() / 100 != 2) {
            throw new TallyException(
                    ErrorKind.FAILURE,
                    "the gateway at " + base + " answered " + r.statusCode() + " to " + path + ": "
                            + message(r.body()));
        }
        return r.body();
    }

    private static String reason(Exception e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String message(String body) {
        try {
            JsonNode m = new ObjectMapper().readTree(body).path("message");
            if (m.isTextual()) {
                return m.asText();
            }
        } catch (IOException e) {
            // not JSON: not a tally gateway, said below
        }
        return "not a tally gateway answer (is the URL right?)";
    }
}
