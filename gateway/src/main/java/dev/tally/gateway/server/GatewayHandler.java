package dev.tally.gateway.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.gateway.BedrockFault;
import dev.tally.gateway.Bodies;
import dev.tally.gateway.Json;
import dev.tally.gateway.admin.AdminApi;
import dev.tally.gateway.govern.Admission;
import dev.tally.gateway.govern.Governance;
import dev.tally.gateway.metering.RequestHints;
import dev.tally.gateway.metrics.GatewayMetrics;
import dev.tally.gateway.proxy.BedrockProxy;
import dev.tally.gateway.proxy.ProxiedCall;
import dev.tally.gateway.proxy.Route;
import dev.tally.gateway.session.Identity;
import dev.tally.gateway.session.SessionBroker;
import dev.tally.gateway.session.SessionCredentials;
import dev.tally.gateway.timing.Stage;
import dev.tally.gateway.timing.StageSink;
import dev.tally.gateway.timing.StageTimes;
import dev.tally.ledger.UsageEvent;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The request path: health, route, key, body checks, session, proxy, access log. Everything the gateway refuses on
 * its own (unknown path, bad key, bad body, no session) is answered here, in Bedrock's error shape, before any
 * upstream call. Runs on a thread of its own per request (Jetty's BLOCKING invocation), so the proxy can block on
 * upstream reads and client writes and get backpressure for free.
 */
final class GatewayHandler extends Handler.Abstract {
    private final CallerAuthenticator callers;
    private final SessionBroker broker;
    private final BedrockProxy proxy;
    private final Governance governance;
    private final Readiness readiness;
    private final AccessLog accessLog;
    private final PrintStream diagnostics;
    private final InstantSource clock;
    private final long maxBody;
    private final AdminApi admin;
    private final GatewayMetrics metrics;
    private final StageSink stages;
    /**
     * Request ids: a random prefix per gateway, then a counter. Per gateway, not per process: request ids are the
     * ledger's event ids, the ledger keeps the first event of an id, and replicas in one process (tests, the
     * benches, an embedding) share a store.
     */
    private final String idPrefix = UUID.randomUUID().toString().substring(0, 24);

    private final AtomicLong ids = new AtomicLong();

    GatewayHandler(
            CallerAuthenticator callers,
            AdminApi admin,
            GatewayMetrics metrics,
            SessionBroker broker,
            BedrockProxy proxy,
            Governance governance,
            Readiness readiness,
            AccessLog accessLog,
            PrintStream diagnostics,
            InstantSource clock,
            long maxBody,
            StageSink stages) {
        super(InvocationType.BLOCKING);
        this.callers = requireNonNull(callers, "callers is null");
        this.admin = requireNonNull(admin, "admin is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.broker = requireNonNull(broker, "broker is null");
        this.proxy = requireNonNull(proxy, "proxy is null");
        this.governance = requireNonNull(governance, "governance is null");
        this.readiness = requireNonNull(readiness, "readiness is null");
        this.accessLog = requireNonNull(accessLog, "accessLog is null");
        this.diagnostics = requireNonNull(diagnostics, "diagnostics is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.maxBody = maxBody;
        this.stages = requireNonNull(stages, "stages is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath() == null ? "/" : uri.getPath();
        String method = request.getMethod();
        if (method.equals("GET") && path.equals("/healthz")) {
            plain(response, callback, 200, "ok\n");
            return true;
        }
        if (method.equals("GET") && path.equals("/readyz")) {
            Optional<String> why = readiness.notReadyBecause();
            plain(
                    response,
                    callback,
                    why.isEmpty() ? 200 : 503,
                    why.map(w -> "not ready: " + w + "\n").orElse("ready\n"));
            return true;
        }
        if (method.equals("GET") && path.equals("/metrics")) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            response.write(true, ByteBuffer.wrap(metrics.scrape().getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
        String hex = Long.toHexString(ids.incrementAndGet());
        String requestId = idPrefix + "000000000000".substring(Math.min(12, hex.length())) + hex;
        response.getHeaders().put("x-tally-request-id", requestId);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", requestId);
        if (path.startsWith(AdminApi.PREFIX)) {
            administer(request, response, callback, method, path, line, start);
            return true;
        }
        StageTimes times = StageTimes.of(stages);
        times.mark(Stage.ARRIVED, request.getBeginNanoTime());
        times.mark(Stage.HANDLED, start);
        int status;
        byte[] body = null;
        Optional<UsageEvent> event = Optional.empty();
        String user = null;
        try {
            Route route = Route.parse(method, path);
            line.put("op", route.operation().label());
            Caller caller = callers.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            user = caller.user();
            times.mark(Stage.AUTHENTICATED);
            line.put("key", caller.keyId());
            line.put("user", user);
            Function<String, @Nullable String> header = request.getHeaders()::get;
            body = body(request);
            JsonNode json = BedrockProxy.validated(route, body);
            RequestHints hints = json.isMissingNode() ? RequestHints.NONE : RequestHints.of(json, header);
            Identity identity = caller.identity();
            Admission admission = governance.admit(caller.key(), identity, route, json, hints);
            times.mark(Stage.ADMITTED);
            SessionCredentials session;
            try {
                session = broker.credentialsFor(identity);
            } catch (RuntimeException e) {
                admission.release();
                throw e;
            }
            times.mark(Stage.SESSION_READY);
            BedrockProxy.Inbound in = new BedrockProxy.Inbound(
                    requestId,
                    clock.instant(),
                    start,
                    route,
                    path,
                    uri.getQuery(),
                    body,
                    header,
                    BedrockProxy.forwardable(request.getHeaders()),
                    times);
            ProxiedCall call;
            try {
                call = proxy.forward(
                        in, hints, caller.key(), identity, session, admission, response, answered(callback, times));
            } finally {
                // Settled with its usage event; a request that ended without one held nothing after all.
                admission.release();
            }
            status = call.status();
            event = call.event();
        } catch (BedrockFault fault) {
            status = fault.status();
            line.put("error", fault.type());
            fault.reason().ifPresent(r -> line.put("reason", r));
            metrics.refused(fault.type());
            if (body == null) {
                // Refused before its body was read: the rest of the body may still be on its way, and Jetty would
                // drop the connection after the answer without saying so; a client that reused it would see no
                // answer to its next request. Saying close makes it open a new one.
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            answer(response, callback, fault);
        } catch (RuntimeException | Error e) {
            status = 500;
            line.put("error", "InternalServerException");
            // A gateway bug: said once on the diagnostics stream with its class (never a message that could quote
            // a header), answered the way Bedrock answers its own.
            diagnostics.println("tally gateway: internal error on request " + requestId + ": "
                    + e.getClass().getName());
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                answer(
                        response,
                        callback,
                        BedrockFault.internal("Internal error in the gateway (request " + requestId + ")."));
            }
        }
        line.put("status", status);
        metrics.request(status, event.map(UsageEvent::model).orElse(null), user);
        event.ifPresent(metrics::usage);
        event.ifPresent(e -> {
            line.put("model", e.model());
            line.put("in", e.tokens().input());
            line.put("out", e.tokens().output());
            line.put("cache_read", e.tokens().cacheRead());
            line.put("cache_write_5m", e.tokens().cacheWrite5m());
            line.put("cache_write_1h", e.tokens().cacheWrite1h());
            line.put("cost", e.cost().toPlainString());
            line.put("outcome", e.outcome().label() + (e.estimated() ? ",estimated" : ""));
        });
        log(line, start);
        return true;
    }

    /** Ends a request's access-log line with its latency, and writes it. */
    private void log(Map<String, Object> line, long start) {
        line.put("latency_ms", TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start) / 1000.0);
        accessLog.write(line);
    }

    /** The request's callback, stamping the answer's last byte first when its stages are recorded. */
    private static Callback answered(Callback callback, StageTimes times) {
        if (!times.recording()) {
            return callback;
        }
        return Callback.from(
                callback.getInvocationType(),
                () -> {
                    times.mark(Stage.ANSWERED);
                    times.finish();
                    callback.succeeded();
                },
                callback::failed);
    }

    /** {@code /tally/v1/...}: answered by the admin API, logged like any request (never its secrets). */
    private void administer(
            Request request,
            Response response,
            Callback callback,
            String method,
            String path,
            Map<String, Object> line,
            long start) {
        line.put("op", "admin");
        line.put("path", path);
        AdminApi.Answer answer;
        try {
            Map<String, List<String>> query = new LinkedHashMap<>();
            Request.extractQueryParameters(request).forEach(f -> query.put(f.getName(), f.getValues()));
            answer = admin.answer(
                    method,
                    path,
                    query,
                    request.getHeaders().get(HttpHeader.AUTHORIZATION),
                    method.equals("POST") ? body(request) : new byte[0]);
        } catch (BedrockFault fault) {
            answer = new AdminApi.Answer(
                    fault.status(),
                    Json.mapper()
                            .createObjectNode()
                            .put("message", fault.getMessage())
                            .toString());
        } catch (RuntimeException e) {
            diagnostics.println("tally gateway: internal error on " + method + " " + path + ": "
                    + e.getClass().getName());
            answer = new AdminApi.Answer(
                    500,
                    Json.mapper()
                            .createObjectNode()
                            .put("message", "Internal error in the gateway.")
                            .toString());
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (answer.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        response.write(true, ByteBuffer.wrap((answer.json() + "\n").getBytes(StandardCharsets.UTF_8)), callback);
        line.put("status", answer.status());
        log(line, start);
    }

    /** Over the limit, the rest of the body is read and dropped (up to a bound) so the client hears the 413. */
    private static final long DISCARD_AT_MOST = 16L * 1024 * 1024;

    private byte[] body(Request request) {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared > maxBody) {
                discard(in);
                throw BedrockFault.tooLarge(maxBody);
            }
            if (declared >= 0) {
                try {
                    return Bodies.readDeclared(in, (int) declared);
                } catch (EOFException e) {
                    throw BedrockFault.validation("The request body ended before its Content-Length.");
                }
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
            if (body.length > maxBody) {
                discard(in);
                throw BedrockFault.tooLarge(maxBody);
            }
            return body;
        } catch (IOException e) {
            throw BedrockFault.validation("The request body could not be read.");
        }
    }

    private static void discard(InputStream in) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long left = DISCARD_AT_MOST;
        for (int n = in.read(sink); n > 0 && left > 0; n = in.read(sink)) {
            left -= n;
        }
    }

    /** The one place a fault becomes an HTTP answer. */
    static void answer(Response response, Callback callback, BedrockFault fault) {
        ObjectNode body = Json.mapper().createObjectNode().put("message", fault.getMessage());
        response.setStatus(fault.status());
        response.getHeaders().put("x-amzn-ErrorType", fault.type());
        if (fault.retryAfterSeconds() > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, fault.retryAfterSeconds());
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static void plain(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
