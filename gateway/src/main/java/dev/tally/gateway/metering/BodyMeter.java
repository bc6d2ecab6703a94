package dev.tally.gateway.metering;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Meters a non-streaming answer: InvokeModel's body ({@code usage} in Anthropic's or Nova's shape, else the token
 * count headers), Converse's {@code usage} block and its {@code serviceTier}.
 */
public final class BodyMeter {
    private BodyMeter() {}

    public static TokenTally invoke(@Nullable JsonNode body, Function<String, @Nullable String> header) {
        TokenTally tally = new TokenTally();
        JsonNode usage = body == null ? null : body.path("usage");
        if (usage != null && usage.has("input_tokens")) {
            tally.anthropic(usage);
        } else if (usage != null && usage.has("inputTokens")) {
            tally.converse(usage);
        } else {
            tally.headers(header);
        }
        tally.servedTier(ServiceTier.ofTier(header.apply("X-Amzn-Bedrock-Service-Tier")));
        return tally;
    }

    public static TokenTally converse(@Nullable JsonNode body, Function<String, @Nullable String> header) {
        TokenTally tally = new TokenTally();
        if (body != null) {
            tally.converse(body.path("usage"));
            tally.servedTier(
                    ServiceTier.ofTier(body.path("serviceTier").path("type").asText(null)));
        }
        tally.servedTier(ServiceTier.ofTier(header.apply("X-Amzn-Bedrock-Service-Tier")));
        return tally;
    }
}
