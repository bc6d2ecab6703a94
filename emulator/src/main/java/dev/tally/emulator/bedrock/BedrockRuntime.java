package dev.tally.emulator.bedrock;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.emulator.auth.Identity;
import dev.tally.emulator.billing.TokenUsage;
import dev.tally.emulator.billing.UsageLedger;
import dev.tally.emulator.clock.EmulatedClock;
import dev.tally.emulator.fault.FaultPlan;
import dev.tally.emulator.fault.LatencySpec;
import dev.tally.emulator.fault.Outcome;
import dev.tally.emulator.http.Exchange;
import dev.tally.emulator.http.HttpCall;
import dev.tally.emulator.http.Reply;
import dev.tally.emulator.inspect.CallLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Bedrock runtime: {@code POST /model/{modelId}/invoke}, {@code /invoke-with-response-stream},
 * {@code /converse}, {@code /converse-stream} and {@code /count-tokens}. Every successful inference call is
 * recorded in the ledger for the principal that signed it.
 */
public final class BedrockRuntime {
    private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private final BedrockAuth auth;
    private final ModelResolver models;
    private final EmulatedModel model = new EmulatedModel();
    private final UsageLedger ledger;
    private final EmulatedClock clock;
    private final FaultPlan faults;
    private final LatencySpec latency;
    private final CallLog log;
    private final AtomicLong messages = new AtomicLong();

    public BedrockRuntime(
            BedrockAuth auth,
            ModelResolver models,
            UsageLedger ledger,
            EmulatedClock clock,
            FaultPlan faults,
            LatencySpec latency,
            CallLog log) {
        this.auth = requireNonNull(auth, "auth is null");
        this.models = requireNonNull(models, "models is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.faults = requireNonNull(faults, "faults is null");
        this.latency = requireNonNull(latency, "latency is null");
        this.log = requireNonNull(log, "log is null");
    }

    /** Handles a path under {@code /model/}. */
    public void handle(Exchange exchange) {
        HttpCall call = exchange.call();
        String path = call.rawPath();
        int lastSlash = path.lastIndexOf('/');
        String action = path.substring(lastSlash + 1);
        String modelId =
                lastSlash > "/model/".length() ? HttpCall.decode(path.substring("/model/".length(), lastSlash)) : "";
        Operation op = Operation.of(action);
        log.count(op == null ? "bedrock:(unknown)" : op.api);
        try {
            if (op == null || !call.method().equals("POST")) {
                throw new BedrockError(
                        404, "UnknownOperationException", "Unknown operation " + call.method() + " " + path);
            }
            Identity identity = auth.authenticate(call);
            ResolvedModel resolved = models.require(modelId);
            JsonNode body = Json.parseObject(call.body());
            if (op == Operation.COUNT_TOKENS) {
                exchange.reply(Reply.json(
                        200,
                        Json.object().put("inputTokens", model.countInputTokens(countTokensPrompt(body, resolved)))));
                return;
            }
            Prompt prompt = op.converse || resolved.format() == ModelFormat.NOVA
                    ? PromptReader.converse(body)
                    : PromptReader.anthropic(body);
            Instant at = usageTime(call);
            Outcome outcome = faults.forBedrock(op.streaming);
            switch (outcome) {
                case THROTTLE -> throw BedrockError.throttled();
                case SERVICE_UNAVAILABLE -> throw BedrockError.unavailable();
                case INTERNAL_ERROR -> throw BedrockError.internal();
                default -> {}
            }
            Completion completion = model.complete(prompt, resolved);
            if (op.streaming) {
                stream(exchange, op, identity, resolved, completion, at, outcome == Outcome.STREAM_CUT);
            } else {
                whole(exchange, op, identity, resolved, completion, at);
            }
        } catch (BedrockError e) {
            exchange.reply(e.reply());
        }
    }

    private void whole(
            Exchange exchange, Operation op, Identity identity, ResolvedModel resolved, Completion c, Instant at) {
        long millis = latency.timeToFirstToken()
                .plus(latency.forTokens(c.usage().output()))
                .toMillis();
        LatencySpec.pause(Duration.ofMillis(millis));
        byte[] body;
        if (op.converse) {
            body = ConverseWire.converse(c, millis);
        } else if (resolved.format() == ModelFormat.NOVA) {
            body = ConverseWire.novaInvoke(c);
        } else {
            body = AnthropicWire.response(messageId(), resolved, c);
        }
        book(identity, resolved, at, false, c.usage());
        Map<String, String> headers = op.converse
                ? Map.of()
                : Map.of(
                        "X-Amzn-Bedrock-Input-Token-Count",
                                Long.toString(c.usage().input()),
                        "X-Amzn-Bedrock-Output-Token-Count",
                                Long.toString(c.usage().output()),
                        "X-Amzn-Bedrock-Cache-Read-Input-Token-Count",
                                Long.toString(c.usage().cacheRead()),
                        "X-Amzn-Bedrock-Cache-Write-Input-Token-Count",
                                Long.toString(c.usage().cacheWrite()),
                        "X-Amzn-Bedrock-Invocation-Latency", Long.toString(millis));
        exchange.reply(Reply.json(200, body, headers));
    }

    private void stream(
            Exchange exchange,
            Operation op,
            Identity identity,
            ResolvedModel resolved,
            Completion c,
            Instant at,
            boolean cut) {
        long ttft = latency.timeToFirstToken().toMillis();
        long total = ttft + latency.forTokens(c.usage().output()).toMillis();
        StreamPlan plan;
        if (op.converse) {
            plan = ConverseWire.converseStream(c, total);
        } else if (resolved.format() == ModelFormat.NOVA) {
            plan = ConverseWire.novaStream(c, ttft, total);
        } else {
            plan = AnthropicWire.stream(messageId(), resolved, c, ttft, total);
        }
        exchange.beginStream(
                EVENT_STREAM, op.converse ? Map.of() : Map.of("X-Amzn-Bedrock-Content-Type", "application/json"));
        long emitted = 0;
        boolean booked = false;
        // Without latency to shape, every frame is ready at once: one socket write instead of one per frame
        // (the measured cost of a stream was mostly those writes). The bytes on the wire are the same.
        List<byte[]> batch = latency.none() ? new ArrayList<>() : null;
        Consumer<byte[]> write = batch == null ? exchange::writeFrame : batch::add;
        try {
            LatencySpec.pause(latency.timeToFirstToken());
            plan.head().forEach(write);
            int deltas = cut ? plan.deltas().size() / 2 : plan.deltas().size();
            for (int i = 0; i < deltas; i++) {
                LatencySpec.pause(latency.forTokens(plan.deltaTokens().get(i)));
                write.accept(plan.deltas().get(i));
                emitted += plan.deltaTokens().get(i);
            }
            if (cut) {
                write.accept(EventStreamFrame.exception(
                        "modelStreamErrorException",
                        Json.bytes(Json.object()
                                .put("message", "The model stream was interrupted (emulated fault).")
                                .put("originalStatusCode", 500))));
            } else {
                plan.tail().forEach(write);
                emitted = c.usage().output();
            }
            if (batch != null) {
                exchange.writeFrames(batch);
            }
            // Booked before the stream ends, as a whole answer is before it is sent: a client that reads the last
            // frame and then asks for the bill (a test's flush) finds the call in it.
            bookStream(identity, resolved, c, at, emitted);
            booked = true;
            exchange.endStream();
        } finally {
            if (!booked) {
                // A cut or abandoned stream still bills what the model read and what it produced before stopping.
                bookStream(identity, resolved, c, at, emitted);
            }
        }
    }

    /** A stream bills what the model read and what it emitted before the stream ended or was cut. */
    private void bookStream(Identity identity, ResolvedModel resolved, Completion c, Instant at, long emitted) {
        book(
                identity,
                resolved,
                at,
                true,
                c.usage().withOutput(Math.min(emitted, c.usage().output())));
    }

    private void book(Identity identity, ResolvedModel resolved, Instant at, boolean streaming, TokenUsage usage) {
        ledger.record(
                at,
                identity.arn(),
                identity.tags(),
                resolved.region(),
                resolved.canonical(),
                resolved.resourceArn(),
                streaming,
                usage);
    }

    private Prompt countTokensPrompt(JsonNode body, ResolvedModel resolved) {
        JsonNode input = body.path("input");
        if (input.has("converse")) {
            return PromptReader.converse(input.get("converse"));
        }
        if (input.has("invokeModel")) {
            JsonNode inner = input.get("invokeModel").path("body");
            JsonNode parsed =
                    inner.isTextual() ? Json.parseObject(inner.asText().getBytes(StandardCharsets.UTF_8)) : inner;
            if (!parsed.isObject()) {
                throw BedrockError.validation("input.invokeModel.body must be the JSON body of an InvokeModel request");
            }
            return resolved.format() == ModelFormat.NOVA
                    ? PromptReader.converse(parsed)
                    : PromptReader.anthropic(parsed);
        }
        throw BedrockError.validation(
                "1 validation error detected: Value null at 'input' failed to satisfy constraint: Member must not be null");
    }

    private Instant usageTime(HttpCall call) {
        try {
            return clock.at(call.header(EmulatedClock.TIME_HEADER));
        } catch (IllegalArgumentException e) {
            throw BedrockError.validation(
                    java.util.Objects.requireNonNullElse(e.getMessage(), "invalid " + EmulatedClock.TIME_HEADER));
        }
    }

    private String messageId() {
        return "msg_bdrk_" + Long.toString(1_000_000_000L + messages.incrementAndGet(), 36);
    }

    private enum Operation {
        INVOKE("invoke", "bedrock:InvokeModel", false, false),
        INVOKE_STREAM("invoke-with-response-stream", "bedrock:InvokeModelWithResponseStream", true, false),
        CONVERSE("converse", "bedrock:Converse", false, true),
        CONVERSE_STREAM("converse-stream", "bedrock:ConverseStream", true, true),
        COUNT_TOKENS("count-tokens", "bedrock:CountTokens", false, false);

        final String path;
        final String api;
        final boolean streaming;
        final boolean converse;

        Operation(String path, String api, boolean streaming, boolean converse) {
            this.path = path;
            this.api = api;
            this.streaming = streaming;
            this.converse = converse;
        }

        static @Nullable Operation of(String path) {
            for (Operation op : values()) {
                if (op.path.equals(path)) {
                    return op;
                }
            }
            return null;
        }
    }
}
