package dev.tally.ledger;

import static java.util.Objects.requireNonNull;

import dev.tally.core.usage.PricingModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One request through the gateway, metered: who (key, user, the assumed-role session and its tags), what
 * (model, operation, tokens by type, pricing model), what it cost (priced by core's {@code PriceCatalog}),
 * and how it went. {@code estimated} marks a cut or cancelled stream, whose output is counted only as far as
 * the events reported it (AWS bills what the model generated, which the gateway may not have seen).
 *
 * @param modelId the model id as the client sent it (an id, inference-profile id or ARN)
 * @param model the canonical model name the bill uses ({@code Claude4.6Sonnet}), or the id when unknown
 * @param operation {@code invoke}, {@code invoke-stream}, {@code converse}, {@code converse-stream} or
 *     {@code count-tokens}
 * @param tags the session tags the call was signed under, {@code User} included
 */
public record UsageEvent(
        String id,
        Instant time,
        String keyId,
        String user,
        String sessionArn,
        Map<String, String> tags,
        String modelId,
        String model,
        String operation,
        TokenCounts tokens,
        PricingModel pricingModel,
        BigDecimal cost,
        String currency,
        int httpStatus,
        Duration latency,
        Optional<Duration> timeToFirstToken,
        Outcome outcome,
        boolean estimated) {

    public UsageEvent {
        requireNonNull(id, "id is null");
        requireNonNull(time, "time is null");
        requireNonNull(keyId, "keyId is null");
        requireNonNull(user, "user is null");
        requireNonNull(sessionArn, "sessionArn is null");
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
        requireNonNull(modelId, "modelId is null");
        requireNonNull(model, "model is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(tokens, "tokens is null");
        requireNonNull(pricingModel, "pricingModel is null");
        requireNonNull(cost, "cost is null");
        requireNonNull(currency, "currency is null");
        requireNonNull(latency, "latency is null");
        requireNonNull(timeToFirstToken, "timeToFirstToken is null");
        requireNonNull(outcome, "outcome is null");
    }
}
