package dev.tally.gateway.server;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP front: Jetty 12's core API (no servlets), HTTP/1.1 with keep-alive, optionally TLS, every request on a
 * platform thread of a bounded pool ({@code limits.request-threads}). Platform, not virtual: a request waits in the
 * kernel for the upstream's answer and, when a commit is under way, for another thread, and waking a
 * parked platform thread is one kernel wake-up where a virtual thread is queued to its scheduler and then waits for
 * a carrier: at 1,000 requests per second on 2 cores, when an asynchronous client's selector still handed each
 * upstream answer over, that wake-up took 150 us against 250-330 us at the median, 0.9-1.0 ms against 1.3-2.8 ms at
 * p99 (bench/gateway, docs/benchmarks.md). Stopping is graceful: the port closes, in-flight requests (streams
 * included) run to their end for up to the drain timeout.
 */
public final class GatewayServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final boolean tls;

    public GatewayServer(
            String bind,
            int port,
            Optional<Path> tlsCert,
            Optional<Path> tlsKey,
            Handler handler,
            Duration drain,
            int requestThreads) {
        requireNonNull(handler, "handler is null");
        QueuedThreadPool threads = new QueuedThreadPool(requestThreads, 8);
        threads.setName("tally-gateway");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Model ARNs arrive with %2F and %3A in the path; they are forwarded as sent, not refused as ambiguous.
        http.setUriCompliance(UriCompliance.UNSAFE);
        tls = tlsCert.isPresent();
        if (tls) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(TlsFiles.keyStore(tlsCert.get(), tlsKey.orElseThrow()));
            ssl.setKeyStorePassword(new String(TlsFiles.PASSWORD));
            http.addCustomizer(new SecureRequestCustomizer(false));
            connector = new ServerConnector(
                    server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        } else {
            // HTTP/1.1, and HTTP/2 for a client that opens with its preface (h2c with prior knowledge: the
            // JavaScript SDK's and Java SDK's async clients stream that way on http:// endpoints).
            connector = new ServerConnector(
                    server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
        }
        connector.setHost(bind);
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(handler);
        server.setHandler(graceful);
        server.setStopTimeout(Math.max(1, drain.toMillis()));
    }

    /** Opens the port; a port in use is the user's to change, said in one line naming {@code --port}. */
    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            if (causedBy(e, BindException.class) && !causedBy(e, java.nio.channels.UnresolvedAddressException.class)) {
                throw TallyException.usage(
                        "--port " + connector.getPort() + ": " + connector.getHost() + ":" + connector.getPort()
                                + " is already in use or not available (choose another --port or --bind)");
            }
            if (e instanceof IOException) {
                throw TallyException.usage(
                        "--bind " + connector.getHost() + ": cannot listen there (" + e.getMessage() + ")");
            }
            throw TallyException.failure("cannot start the gateway: " + e.getMessage(), e);
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    public URI endpoint() {
        String host = connector.getHost().contains(":") ? "[" + connector.getHost() + "]" : connector.getHost();
        return URI.create((tls ? "https" : "http") + "://" + host + ":" + connector.getLocalPort());
    }

    /** Drains: closes the port, waits for in-flight requests up to the drain timeout, then stops. */
    @Override
    public void close() {
        stopQuietly();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            // the drain timed out or a connector failed to close: the process is stopping either way
        }
    }
}
