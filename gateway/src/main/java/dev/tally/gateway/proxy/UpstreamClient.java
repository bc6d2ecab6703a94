package dev.tally.gateway.proxy;

import dev.tally.gateway.timing.Stage;
import dev.tally.gateway.timing.StageTimes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * The upstream side: Jetty's HTTP client, HTTP/1.1 with pooled keep-alive connections. A stream's answer is read as
 * a blocking stream on the request's thread; any other answer is gathered whole by the client before the
 * request's thread is woken, once (reading it as a stream woke that thread for the headers and again for the
 * body). The client adds nothing the signature did not cover except
 * {@code Host} (which it derives from the URI, as the signer did) and the body's length: no user agent, no
 * {@code Accept-Encoding} (Bedrock's answers pass through as they are).
 */
public final class UpstreamClient implements AutoCloseable {
    /** Time to the answer's headers; a stream's body then takes as long as the model does. */
    private static final Duration HEADERS_TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient client;

    /** An answer whose body is read as it arrives; closing the body before its end aborts the exchange. */
    public record Answer(int status, HttpFields headers, InputStream body) {}

    public UpstreamClient() {
        // The listeners here only hand the answer over (complete a future, queue a chunk for the reading thread):
        // run them on the selector that read it rather than handing each answer to a pool thread first.
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP();
        transport.setInvocationType(InvocationType.NON_BLOCKING);
        client = new HttpClient(transport);
        client.setUserAgentField(null);
        client.setFollowRedirects(false);
        client.setMaxConnectionsPerDestination(1024);
        client.setConnectTimeout(5_000);
        client.getContentDecoderFactories().clear();
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the upstream HTTP client", e);
        }
    }

    /**
     * @param whole gather the answer, up to {@code maxWhole} bytes, before returning (not for streams); an answer
     *     whose body broke off after its headers comes back with a body that fails when read, as a stream's would
     */
    @SuppressWarnings("FutureReturnValueIgnored") // abort's answer is not needed: the call fails with e either way
    Answer send(
            String method,
            URI uri,
            Map<String, List<String>> headers,
            byte[] body,
            boolean whole,
            int maxWhole,
            StageTimes stages)
            throws IOException {
        Request request = client.newRequest(uri).method(HttpMethod.fromString(method));
        request.headers(h -> headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> h.add(name, v));
            }
        }));
        if (body.length > 0) {
            request.body(new BytesRequestContent(body));
        }
        if (stages.recording()) {
            request.onRequestSuccess(r -> stages.mark(Stage.SENT));
            request.onResponseHeaders(r -> stages.mark(Stage.UPSTREAM_HEADERS));
            request.onResponseSuccess(r -> stages.mark(Stage.UPSTREAM_DONE));
        }
        if (whole) {
            Answer answer = gathered(request, maxWhole);
            stages.mark(Stage.RESUMED);
            return answer;
        }
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            var response = listener.get(HEADERS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            stages.mark(Stage.RESUMED);
            return new Answer(response.getStatus(), response.getHeaders(), listener.getInputStream());
        } catch (ExecutionException e) {
            throw new IOException("upstream call failed", e.getCause());
        } catch (TimeoutException e) {
            request.abort(e);
            throw new IOException("upstream answer timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abort(e);
            throw new IOException("interrupted", e);
        }
    }

    // abort's answer is not needed (the call fails with e either way); the broken-off body fails its first read.
    @SuppressWarnings({"FutureReturnValueIgnored", "InputStreamSlowMultibyteRead"})
    private static Answer gathered(Request request, int maxWhole) throws IOException {
        AtomicReference<org.eclipse.jetty.client.Response> headed = new AtomicReference<>();
        request.onResponseHeaders(headed::set);
        try {
            ContentResponse response = new CompletableResponseListener(request, maxWhole)
                    .send()
                    .get(HEADERS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(
                    response.getStatus(), response.getHeaders(), new ByteArrayInputStream(response.getContent()));
        } catch (ExecutionException e) {
            org.eclipse.jetty.client.Response partial = headed.get();
            if (partial == null) {
                throw new IOException("upstream call failed", e.getCause());
            }
            return new Answer(partial.getStatus(), partial.getHeaders(), new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("upstream answer broke off", e.getCause());
                }
            });
        } catch (TimeoutException e) {
            request.abort(e);
            throw new IOException("upstream answer timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abort(e);
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // stopping: nothing left to release that the process will not release
        }
    }
}
