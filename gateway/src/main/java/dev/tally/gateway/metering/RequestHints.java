package dev.tally.gateway.metering;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.usage.PricingModel;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the request says that the response may not: the TTL of its last cache breakpoint (the one whose prefix a
 * write stores; {@code cache_control} on Anthropic bodies, {@code cachePoint} on Converse, {@code "ttl":"1h"} or
 * five minutes), and the service tier it asked for. Used only where the response gives a cache-write total without
 * its split, or no tier.
 */
public record RequestHints(boolean oneHourCacheWrite, Optional<PricingModel> requestedTier) {
    public static final RequestHints NONE = new RequestHints(false, Optional.empty());

    public RequestHints {
        java.util.Objects.requireNonNull(requestedTier, "requestedTier is null");
    }

    /** From a request body (Anthropic Messages, Nova or Converse) and its headers, looked up case-insensitively. */
    public static RequestHints of(JsonNode body, Function<String, @Nullable String> header) {
        Optional<PricingModel> tier = ServiceTier.ofTier(header.apply("X-Amzn-Bedrock-Service-Tier"))
                .or(() -> ServiceTier.ofTier(text(body.path("serviceTier").path("type"))))
                .or(() -> ServiceTier.ofLatency(header.apply("X-Amzn-Bedrock-PerformanceConfig-Latency")))
                .or(() -> ServiceTier.ofLatency(
                        text(body.path("performanceConfig").path("latency"))));
        Breakpoints marks = new Breakpoints();
        // Prefix order as both APIs define it: tools, then system, then messages; the last mark wins.
        body.path("tools").forEach(marks::anthropic);
        body.path("toolConfig").path("tools").forEach(marks::converse);
        JsonNode system = body.path("system");
        if (system.isArray()) {
            system.forEach(b -> {
                marks.anthropic(b);
                marks.converse(b);
            });
        }
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isArray()) {
                content.forEach(b -> {
                    marks.anthropic(b);
                    marks.converse(b);
                });
            }
        }
        return new RequestHints(marks.lastIsOneHour, tier);
    }

    private static @Nullable String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static final class Breakpoints {
        boolean lastIsOneHour;

        void anthropic(JsonNode block) {
            JsonNode cc = block.get("cache_control");
            if (cc != null && cc.isObject()) {
                lastIsOneHour = "1h".equals(cc.path("ttl").asText());
            }
        }

        void converse(JsonNode block) {
            JsonNode cp = block.get("cachePoint");
            if (cp != null && cp.isObject()) {
                lastIsOneHour = "1h".equals(cp.path("ttl").asText());
            }
        }
    }
}
