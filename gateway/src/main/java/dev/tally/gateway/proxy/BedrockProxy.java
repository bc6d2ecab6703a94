package dev.tally.gateway.proxy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tally.core.usage.PricingModel;
import dev.tally.gateway.BedrockFault;
import dev.tally.gateway.Json;
import dev.tally.gateway.UsageSink;
import dev.tally.gateway.govern.Admission;
import dev.tally.gateway.metering.BodyMeter;
import dev.tally.gateway.metering.Pricer;
import dev.tally.gateway.metering.RequestHints;
import dev.tally.gateway.metering.StreamMeter;
import dev.tally.gateway.metering.TokenTally;
import dev.tally.gateway.session.Identity;
import dev.tally.gateway.session.SessionCredentials;
import dev.tally.gateway.timing.Stage;
import dev.tally.gateway.timing.StageTimes;
import dev.tally.ledger.ApiKey;
import dev.tally.ledger.Outcome;
import dev.tally.ledger.TokenCounts;
import dev.tally.ledger.UsageEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.eventstream.Message;

/**
 * Forwards one authenticated request to Bedrock, signed for the caller's own session, and meters its answer.
 *
 * <p>Durable before done: a response's last bytes leave only after its usage event is committed. A non-streaming
 * answer is held whole (it is small and its usage is in it) until then; a stream passes frame by frame as the
 * frames arrive, with the socket's backpressure (each write blocks its thread), and only its closing
 * frames (the final usage, or an exception) wait for the commit. A client that goes away cancels the upstream
 * call and is metered as far as the stream reported, flagged estimated.
 */
public final class BedrockProxy {
    /** Upstream headers the client sees: content type, AWS's request id and error type, Bedrock's own. */
    private static final List<String> ANSWER_HEADERS = List.of("content-type", "x-amzn-requestid", "x-amzn-errortype");
    /** Client headers Bedrock reads besides the body (tier, latency, guardrails, trace). */
    private static final String BEDROCK_HEADER_PREFIX = "x-amzn-bedrock-";
    /** How long a request waits for its usage event's commit before it is answered 500. */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);
    /** Non-streaming answers are held whole; Bedrock's own are far smaller. */
    private static final int MAX_HELD_ANSWER = 64 * 1024 * 1024;

    private static final String EMULATOR_TIME_HEADER = "X-Tally-Emulator-Time";

    private final Upstream upstream;
    private final UpstreamSigner signer;
    private final UpstreamClient http;
    private final UsageSink sink;
    private final Pricer pricer;
    private final boolean stampEmulatorTime;

    /**
     * @param stampEmulatorTime send each call's ledger time to {@code tally emulator} (its {@code X-Tally-Emulator-Time}
     *     header), so that with {@code --clock} the ledger and the emulated bill put a call on the same day
     */
    public BedrockProxy(
            Upstream upstream, UpstreamClient http, UsageSink sink, Pricer pricer, boolean stampEmulatorTime) {
        this.upstream = requireNonNull(upstream, "upstream is null");
        this.signer = new UpstreamSigner(upstream.region());
        this.http = requireNonNull(http, "http is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.pricer = requireNonNull(pricer, "pricer is null");
        this.stampEmulatorTime = stampEmulatorTime;
    }

    /** The request as the server read it: route, raw query, body and the headers worth forwarding. */
    public record Inbound(
            String requestId,
            Instant time,
            long startNanos,
            Route route,
            String rawPath,
            String rawQuery,
            @SuppressWarnings("ArrayRecordComponent") byte[] body, // forwarded as read, never compared
            Function<String, @Nullable String> header,
            Map<String, String> forwardHeaders,
            StageTimes stages) {}

    /** Reads the forwardable headers of a client request: content type, accept, Bedrock's own. */
    public static Map<String, String> forwardable(HttpFields fields) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var f : fields) {
            String name = f.getLowerCaseName();
            if (name.equals("content-type") || name.equals("accept") || name.startsWith(BEDROCK_HEADER_PREFIX)) {
                out.put(name, f.getValue());
            }
        }
        return out;
    }

    /**
     * Checks what can be checked without Bedrock: a JSON body where one is due. Returns the body parsed, once for
     * everything after it (hints, governance's reservation); a missing node for an operation without a body.
     */
    public static JsonNode validated(Route route, byte[] body) {
        if (!route.operation().runtime()) {
            return MissingNode.getInstance();
        }
        JsonNode json;
        try {
            json = body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            throw BedrockFault.validation("Malformed input request: the request body is not valid JSON.");
        }
        if (json == null || !json.isObject()) {
            throw BedrockFault.validation("Malformed input request: expected a JSON object as the request body.");
        }
        return json;
    }

    /** Forwards, answers and meters; the caller has authenticated {@code key} and got {@code session} for it. */
    public ProxiedCall forward(
            Inbound in,
            RequestHints hints,
            ApiKey key,
            Identity identity,
            SessionCredentials session,
            Admission admission,
            Response response,
            Callback callback) {
        Operation op = in.route().operation();
        URI uri = URI.create(upstream.base(op) + in.rawPath() + (in.rawQuery() == null ? "" : "?" + in.rawQuery()));
        Map<String, String> headers = new LinkedHashMap<>(in.forwardHeaders());
        if (stampEmulatorTime) {
            headers.put(EMULATOR_TIME_HEADER, in.time().toString());
        }
        SdkHttpMethod method = op.runtime() ? SdkHttpMethod.POST : SdkHttpMethod.GET;
        SdkHttpRequest signed = signer.signed(method, uri, headers, in.body(), session);
        in.stages().mark(Stage.SIGNED);
        EventDraft draft = new EventDraft(in, key, identity, session, hints, admission);
        UpstreamClient.Answer answer;
        try {
            answer = http.send(signed, in.body(), !op.streaming(), MAX_HELD_ANSWER, in.stages());
        } catch (IOException e) {
            BedrockFault fault = BedrockFault.unavailable("The gateway cannot reach Bedrock.");
            UsageEvent event = draft.event(
                    fault.status(), TokenCounts.NONE, Outcome.UPSTREAM_ERROR, false, null, Optional.empty());
            commit(draft, event);
            throw fault;
        }
        if (op.streaming() && answer.status() == 200) {
            return stream(answer, draft, response, callback);
        }
        return whole(answer, draft, response, callback);
    }

    private ProxiedCall whole(UpstreamClient.Answer answer, EventDraft draft, Response response, Callback callback) {
        byte[] body;
        try {
            body = answer.readWhole(MAX_HELD_ANSWER);
        } catch (IOException e) {
            UsageEvent event =
                    draft.event(502, TokenCounts.NONE, Outcome.UPSTREAM_ERROR, false, null, Optional.empty());
            commit(draft, event);
            throw BedrockFault.unavailable("Bedrock's answer broke off.");
        }
        int status = answer.status();
        Function<String, @Nullable String> header = answer::header;
        Operation op = draft.in.route().operation();
        @Nullable TokenTally tally = null;
        if (status == 200 && op.metered()) {
            JsonNode json = parse(body);
            tally = op == Operation.INVOKE ? BodyMeter.invoke(json, header) : BodyMeter.converse(json, header);
        }
        TokenCounts tokens = tally == null ? TokenCounts.NONE : tally.counts(draft.hints);
        Outcome outcome = status < 400 ? Outcome.COMPLETED : Outcome.UPSTREAM_ERROR;
        boolean estimated = tally != null && !tally.reported();
        UsageEvent event = draft.event(status, tokens, outcome, estimated, tally, Optional.empty());
        draft.in.stages().mark(Stage.METERED);
        commit(draft, event);
        draft.in.stages().mark(Stage.COMMITTED);
        response.setStatus(status);
        copyAnswerHeaders(answer, response);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return new ProxiedCall(status, Optional.of(event));
    }

    private ProxiedCall stream(UpstreamClient.Answer answer, EventDraft draft, Response response, Callback callback) {
        response.setStatus(200);
        copyAnswerHeaders(answer, response);
        StreamMeter meter = new StreamMeter();
        List<byte[]> held = new ArrayList<>();
        Duration firstFrame = null;
        boolean clientGone = false;
        boolean upstreamBroken = false;
        InputStream in = answer.body();
        try {
            FrameReader frames = new FrameReader(in);
            for (byte[] frame = frames.next(); frame != null; frame = frames.next()) {
                if (firstFrame == null) {
                    firstFrame = Duration.ofNanos(System.nanoTime() - draft.in.startNanos());
                }
                boolean closing = meter.accept(Message.decode(ByteBuffer.wrap(frame)));
                if (closing || !held.isEmpty()) {
                    held.add(frame);
                    continue;
                }
                try {
                    Content.Sink.write(response, false, ByteBuffer.wrap(frame));
                } catch (IOException | RuntimeException e) {
                    clientGone = true;
                    break;
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // A broken connection, or a frame whose checksum or shape the codec refused.
            upstreamBroken = true;
        } finally {
            if (clientGone || upstreamBroken) {
                // Closing an unfinished body cancels the upstream exchange: Bedrock stops generating.
                closeQuietly(in);
            }
        }
        Outcome outcome = clientGone
                ? Outcome.CLIENT_CANCELLED
                : upstreamBroken || meter.exception().isPresent() ? Outcome.UPSTREAM_ERROR : Outcome.COMPLETED;
        boolean estimated = clientGone || upstreamBroken || !meter.finalUsage();
        TokenTally tally = meter.tally();
        UsageEvent event =
                draft.event(200, tally.counts(draft.hints), outcome, estimated, tally, Optional.ofNullable(firstFrame));
        draft.in.stages().mark(Stage.METERED);
        closeQuietly(in);
        if (clientGone) {
            commitQuietly(draft, event);
            callback.failed(new IOException("client went away"));
            return new ProxiedCall(499, Optional.of(event));
        }
        try {
            commit(draft, event);
            draft.in.stages().mark(Stage.COMMITTED);
        } catch (BedrockFault e) {
            callback.failed(e);
            return new ProxiedCall(500, Optional.of(event));
        }
        if (upstreamBroken) {
            callback.failed(new IOException("upstream stream broke off"));
            return new ProxiedCall(502, Optional.of(event));
        }
        try {
            for (byte[] frame : held) {
                Content.Sink.write(response, false, ByteBuffer.wrap(frame));
            }
            Content.Sink.write(response, true, ByteBuffer.allocate(0));
            callback.succeeded();
        } catch (IOException | RuntimeException e) {
            callback.failed(e);
        }
        return new ProxiedCall(200, Optional.of(event));
    }

    /** Waits for the commit; a ledger that cannot commit withholds the answer rather than let it go unmetered. */
    private void commit(EventDraft draft, UsageEvent event) {
        try {
            sink.record(event, draft.admission.settle(event)).get(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw BedrockFault.internal(
                    "The gateway could not record this request's usage, so it withholds the answer.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BedrockFault.internal("The gateway is shutting down.");
        }
    }

    private void commitQuietly(EventDraft draft, UsageEvent event) {
        try {
            commit(draft, event);
        } catch (BedrockFault e) {
            // the client is gone; the failure is in the access log through the event's outcome
        }
    }

    private static void copyAnswerHeaders(UpstreamClient.Answer answer, Response response) {
        answer.head().forEachHeader((name, values) -> {
            if (isAnswerHeader(name)) {
                values.forEach(v -> response.getHeaders().add(name, v));
            }
        });
    }

    private static boolean isAnswerHeader(String name) {
        for (String h : ANSWER_HEADERS) {
            if (h.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return name.regionMatches(true, 0, BEDROCK_HEADER_PREFIX, 0, BEDROCK_HEADER_PREFIX.length());
    }

    private static @Nullable JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // already broken: nothing more to cancel
        }
    }

    /** The parts of a usage event known before the answer. */
    private final class EventDraft {
        final Inbound in;
        final ApiKey key;
        final Identity identity;
        final SessionCredentials session;
        final RequestHints hints;
        final Admission admission;

        EventDraft(
                Inbound in,
                ApiKey key,
                Identity identity,
                SessionCredentials session,
                RequestHints hints,
                Admission admission) {
            this.in = in;
            this.key = key;
            this.identity = identity;
            this.session = session;
            this.hints = hints;
            this.admission = admission;
        }

        /** @param tally the answer's usage, null when it carried none (errors, control plane, CountTokens) */
        UsageEvent event(
                int status,
                TokenCounts tokens,
                Outcome outcome,
                boolean estimated,
                @Nullable TokenTally tally,
                Optional<Duration> timeToFirstToken) {
            String modelId = in.route().modelId();
            String model = modelId.isEmpty() ? "" : pricer.canonicalModel(modelId);
            PricingModel pricing =
                    tally == null ? hints.requestedTier().orElse(PricingModel.ON_DEMAND) : tally.pricingModel(hints);
            return new UsageEvent(
                    in.requestId(),
                    in.time(),
                    key.id(),
                    identity.user(),
                    session.sessionArn(),
                    identity.tagMap(),
                    modelId,
                    model,
                    in.route().operation().label(),
                    tokens,
                    pricing,
                    pricer.cost(model, tokens, pricing),
                    pricer.currency(),
                    status,
                    Duration.ofNanos(System.nanoTime() - in.startNanos()),
                    timeToFirstToken,
                    outcome,
                    estimated);
        }
    }
}
