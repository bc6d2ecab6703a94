package dev.tally.emulator.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The answering side of one request: either one whole {@link Reply}, or a stream of frames written as
 * they are produced (each write goes to the socket at once, which is what makes a stream a stream).
 */
public final class Exchange {
    private final HttpCall call;
    private final String requestId;
    private final Response response;
    private final Callback callback;
    private boolean done;

    Exchange(HttpCall call, String requestId, Response response, Callback callback) {
        this.call = call;
        this.requestId = requestId;
        this.response = response;
        this.callback = callback;
    }

    public HttpCall call() {
        return call;
    }

    /** The id AWS returns as {@code x-amzn-RequestId}; also quoted in error bodies. */
    public String requestId() {
        return requestId;
    }

    public boolean done() {
        return done;
    }

    public void reply(Reply reply) {
        done = true;
        response.setStatus(reply.status());
        var headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, reply.contentType());
        headers.put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            headers.put(h.getKey(), h.getValue());
        }
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    /** Sends the status line and headers of a stream; frames follow with {@link #writeFrame}. */
    public void beginStream(String contentType, Map<String, String> extraHeaders) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        for (Map.Entry<String, String> h : extraHeaders.entrySet()) {
            response.getHeaders().put(h.getKey(), h.getValue());
        }
    }

    /** Writes one frame and blocks until the connection took it. */
    public void writeFrame(byte[] frame) {
        try {
            Content.Sink.write(response, false, ByteBuffer.wrap(frame));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes several frames in one socket write: for streams with no latency to shape. */
    public void writeFrames(List<byte[]> frames) {
        int size = 0;
        for (byte[] f : frames) {
            size += f.length;
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        frames.forEach(all::put);
        try {
            Content.Sink.write(response, false, all.flip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void endStream() {
        done = true;
        response.write(true, ByteBuffer.allocate(0), callback);
    }

    /** Gives up on a stream whose client went away. */
    void abort(Throwable cause) {
        done = true;
        callback.failed(cause);
    }
}
