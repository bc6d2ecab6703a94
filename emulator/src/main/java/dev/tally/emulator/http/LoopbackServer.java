package dev.tally.emulator.http;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.ConnectionStatistics;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Jetty 12 core server (no servlets: the measured cheapest path) bound to 127.0.0.1 only, handing every
 * request to one {@link Endpoint}. An exception the endpoint lets escape is the emulator's own bug: it is
 * answered as AWS answers its own (a JSON 500) and handed, whole, to the {@link BugReport}.
 */
public final class LoopbackServer implements AutoCloseable {
    /** Bodies above this are refused with 413; Bedrock's own request limit is in the same range. */
    public static final int MAX_BODY = 32 * 1024 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final ConnectionStatistics connections = new ConnectionStatistics();

    /** Where an exception inside the emulator goes: logged with its stack trace and recorded. */
    @FunctionalInterface
    public interface BugReport {
        void report(String method, String path, Throwable bug);
    }

    public LoopbackServer(int port, Endpoint endpoint, BugReport bugs) {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(bugs, "bugs is null");
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("tally-emulator");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        // SigV4 clients send model ARNs with %2F and %3A in the path; Jetty's default compliance would
        // refuse an encoded slash as ambiguous before the request reached us.
        config.setUriCompliance(UriCompliance.UNSAFE);
        // HTTP/1.1 by default; a client that opens with the HTTP/2 preface (the SDK's async clients do on
        // http:// endpoints) is switched to h2c on the same port.
        connector = new ServerConnector(
                server, 1, 1, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        connector.addBean(connections);
        server.addConnector(connector);
        server.setHandler(new Dispatch(endpoint, bugs));
        // Short: keep-alive clients hold idle connections, and a graceful stop would wait for them; billing is
        // flushed after the server stops either way.
        server.setStopTimeout(300);
    }

    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    close();
                    // The user chose the port: theirs to change, so a usage error naming the setting.
                    throw TallyException.invalidSetting(
                            "port",
                            " " + connector.getPort()
                                    + ": already in use on 127.0.0.1 (pick another, or 0 for a free one)");
                }
            }
            throw new UncheckedIOException(new IOException(
                    "cannot start the emulator on 127.0.0.1:" + connector.getPort() + ": " + e.getMessage(), e));
        }
    }

    /** Connections accepted since the start (Jetty's own count). */
    public long connectionsAccepted() {
        return connections.getConnectionsTotal();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort: the process is going away or the test is over
        }
    }

    private static final class Dispatch extends Handler.Abstract {
        private static final String ID_PREFIX = UUID.randomUUID().toString().substring(0, 24);
        private final AtomicLong ids = new AtomicLong();
        private final Endpoint endpoint;
        private final BugReport bugs;

        Dispatch(Endpoint endpoint, BugReport bugs) {
            super(InvocationType.BLOCKING);
            this.endpoint = endpoint;
            this.bugs = bugs;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            // Request ids look like AWS's (a UUID) without costing a SecureRandom call per request.
            String hex = Long.toHexString(ids.incrementAndGet());
            String requestId = ID_PREFIX + "000000000000".substring(hex.length()) + hex;
            response.getHeaders().put("x-amzn-RequestId", requestId);
            Exchange exchange = null;
            HttpURI uri = request.getHttpURI();
            String path = uri.getPath() == null ? "/" : uri.getPath();
            try {
                // Refused on the declared length before a byte is read, and for a body without one (chunked) as
                // soon as it passes the limit: never read whole.
                byte[] bytes = request.getLength() > MAX_BODY
                        ? null
                        : Content.Source.asInputStream(request).readNBytes(MAX_BODY + 1);
                if (bytes == null || bytes.length > MAX_BODY) {
                    exchange = new Exchange(
                            new HttpCall(
                                    request.getMethod(), path, uri.getQuery(), request.getHeaders(), new byte[0], ""),
                            requestId,
                            response,
                            callback);
                    exchange.reply(Reply.restJsonError(
                            413,
                            "ValidationException",
                            "request body is over the emulator's limit of " + MAX_BODY + " bytes"));
                    return true;
                }
                String authority = request.getHeaders().contains(HttpHeader.HOST) || uri.getHost() == null
                        ? ""
                        : uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
                HttpCall call =
                        new HttpCall(request.getMethod(), path, uri.getQuery(), request.getHeaders(), bytes, authority);
                exchange = new Exchange(call, requestId, response, callback);
                endpoint.handle(exchange);
                if (!exchange.done()) {
                    exchange.reply(Reply.restJsonError(500, "InternalServerException", "no response"));
                }
            } catch (Throwable t) {
                bugs.report(request.getMethod(), path, t);
                if (exchange != null && exchange.done()) {
                    return true;
                }
                if (exchange != null && response.isCommitted()) {
                    exchange.abort(t);
                } else if (exchange != null) {
                    // An emulator bug, answered the way AWS answers its own: a JSON 500 the SDKs can parse.
                    exchange.reply(
                            Reply.restJsonError(500, "InternalServerException", "internal error in the emulator"));
                } else {
                    Response.writeError(request, response, callback, 500, "internal error");
                }
            }
            return true;
        }
    }
}
