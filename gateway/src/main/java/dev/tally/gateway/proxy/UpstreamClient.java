package dev.tally.gateway.proxy;

import dev.tally.gateway.Bodies;
import dev.tally.gateway.timing.Stage;
import dev.tally.gateway.timing.StageTimes;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * The upstream side: the AWS SDK's Apache HTTP client, HTTP/1.1 with pooled keep-alive connections, blocking on the
 * request's own thread. The thread that writes the request reads the answer: the kernel wakes it when the answer
 * arrives, where an asynchronous client's selector thread woke first and then handed the answer over, a second
 * wake-up that on a loaded machine was most of the gateway's tail (bench/gateway's stages, docs/benchmarks.md).
 * The client sends the signed headers ({@code Host} and {@code Content-Length} among them, with the values signed)
 * and adds only {@code Connection: Keep-Alive} and an empty {@code User-Agent}: no {@code Accept-Encoding}
 * (Bedrock's answers pass through as they are), no {@code Expect: 100-continue} (a round trip for nothing on small
 * bodies).
 */
public final class UpstreamClient implements AutoCloseable {
    /** Time to the answer's headers, and between two reads of a stream's body (a model thinking). */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final SdkHttpClient client;

    /**
     * An answer: its status line and headers as received, and a body read as it arrives; closing the body before its
     * end aborts the exchange.
     */
    public record Answer(SdkHttpResponse head, InputStream body) {
        int status() {
            return head.statusCode();
        }

        /**
         * The whole body, at most {@code max} bytes, and the body closed: an answer {@link #send} already held is
         * handed over as it is, not copied again.
         */
        byte[] readWhole(int max) throws IOException {
            if (body instanceof Held held) {
                return held.bytes();
            }
            try (InputStream in = body) {
                return in.readNBytes(max);
            }
        }

        /** The first value of a header, by name in any case; null when absent. */
        @Nullable
        String header(String name) {
            return head.firstMatchingHeader(name).orElse(null);
        }
    }

    /**
     * @param maxConnections one per request thread ({@code limits.request-threads}): each thread holds at most one
     *     connection, and none ever waits for another's
     */
    public UpstreamClient(int maxConnections) {
        client = ApacheHttpClient.builder()
                .maxConnections(maxConnections)
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(READ_TIMEOUT)
                .expectContinueEnabled(false)
                .build();
    }

    /**
     * @param request the signed request
     * @param whole gather the answer, up to {@code maxWhole} bytes, before returning (not for streams); an answer
     *     whose body broke off after its headers comes back with a body that fails when read, as a stream's would
     */
    @SuppressWarnings("InputStreamSlowMultibyteRead") // the broken-off body fails its first read, however it is read
    Answer send(SdkHttpRequest request, byte[] content, boolean whole, int maxWhole, StageTimes stages)
            throws IOException {
        HttpExecuteResponse response = client.prepareRequest(HttpExecuteRequest.builder()
                        .request(request)
                        .contentStreamProvider(
                                content.length == 0 ? null : ContentStreamProvider.fromByteArrayUnsafe(content))
                        .build())
                .call();
        stages.mark(Stage.UPSTREAM_HEADERS);
        SdkHttpResponse head = response.httpResponse();
        Body body = new Body(response.responseBody().orElseGet(AbortableInputStream::createEmpty));
        if (!whole) {
            return new Answer(head, body);
        }
        try (body) {
            byte[] held = readWhole(body, head, maxWhole);
            stages.mark(Stage.UPSTREAM_DONE);
            return new Answer(head, new Held(held));
        } catch (IOException e) {
            return new Answer(head, new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("upstream answer broke off", e);
                }
            });
        }
    }

    /** A whole answer's bytes: of its declared length when it has one within {@code max}, else up to {@code max}. */
    private static byte[] readWhole(Body body, SdkHttpResponse head, int max) throws IOException {
        long declared = head.firstMatchingHeader("Content-Length")
                .map(UpstreamClient::length)
                .orElse(-1L);
        if (declared < 0 || declared > max) {
            return body.readNBytes(max);
        }
        return Bodies.readDeclared(body, (int) declared);
    }

    private static long length(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** An answer {@link #send} read whole: its bytes, kept for {@link Answer#readWhole} to hand over. */
    private static final class Held extends ByteArrayInputStream {
        Held(byte[] bytes) {
            super(bytes);
        }

        byte[] bytes() {
            return buf;
        }
    }

    /**
     * An answer's body: read to its end and closed, its connection goes back to the pool; closed before its end,
     * the exchange is aborted (the connection closed, so Bedrock stops generating), where Apache's own close would
     * read the rest of a stream first.
     */
    private static final class Body extends FilterInputStream {
        private final AbortableInputStream abortable;
        private boolean ended;

        Body(AbortableInputStream in) {
            super(in);
            this.abortable = in;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                abortable.abort();
            }
            super.close();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
