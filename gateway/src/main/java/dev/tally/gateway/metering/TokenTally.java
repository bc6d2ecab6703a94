package dev.tally.gateway.metering;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.usage.PricingModel;
import dev.tally.ledger.TokenCounts;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The tokens one response has reported so far, from whichever of Bedrock's usage shapes it carries: Anthropic's
 * {@code usage} (snake case, with {@code cache_creation}'s per-TTL split), Converse's {@code usage} (camel case,
 * with {@code cacheDetails}), Nova's and the invocation metrics (totals only). Later reports replace earlier ones
 * field by field: Anthropic's {@code message_delta} carries the final output count, the invocation metrics every
 * final total.
 */
public final class TokenTally {
    private long input;
    private long output;
    private long cacheRead;
    private long cacheWrite;
    private long split5m;
    private long split1h;
    private boolean splitKnown;
    private boolean reported;
    private Optional<PricingModel> servedTier = Optional.empty();

    /** Anthropic Messages {@code usage}. */
    public void anthropic(JsonNode usage) {
        if (!usage.isObject()) {
            return;
        }
        reported = true;
        input = number(usage, "input_tokens", input);
        output = Math.max(output, number(usage, "output_tokens", output));
        cacheRead = number(usage, "cache_read_input_tokens", cacheRead);
        cacheWrite = number(usage, "cache_creation_input_tokens", cacheWrite);
        JsonNode split = usage.path("cache_creation");
        if (split.isObject()) {
            split5m = number(split, "ephemeral_5m_input_tokens", 0);
            split1h = number(split, "ephemeral_1h_input_tokens", 0);
            splitKnown = true;
        }
    }

    /** Converse {@code usage} (and Nova's, whose cache fields end in {@code Count}). */
    public void converse(JsonNode usage) {
        if (!usage.isObject()) {
            return;
        }
        reported = true;
        input = number(usage, "inputTokens", input);
        output = number(usage, "outputTokens", output);
        cacheRead = number(usage, "cacheReadInputTokens", number(usage, "cacheReadInputTokenCount", cacheRead));
        cacheWrite = number(usage, "cacheWriteInputTokens", number(usage, "cacheWriteInputTokenCount", cacheWrite));
        JsonNode details = usage.path("cacheDetails");
        if (details.isArray() && !details.isEmpty()) {
            long m5 = 0;
            long h1 = 0;
            for (JsonNode d : details) {
                long n = number(d, "inputTokens", 0);
                if ("1h".equals(d.path("ttl").asText())) {
                    h1 += n;
                } else {
                    m5 += n;
                }
            }
            split5m = m5;
            split1h = h1;
            splitKnown = true;
        }
    }

    /** {@code amazon-bedrock-invocationMetrics}: the final totals, without a cache-write split. */
    public void invocationMetrics(JsonNode metrics) {
        if (!metrics.isObject()) {
            return;
        }
        reported = true;
        input = number(metrics, "inputTokenCount", input);
        output = number(metrics, "outputTokenCount", output);
        cacheRead = number(metrics, "cacheReadInputTokenCount", cacheRead);
        cacheWrite = number(metrics, "cacheWriteInputTokenCount", cacheWrite);
    }

    /** The {@code X-Amzn-Bedrock-*-Token-Count} headers of a non-streaming invoke, when its body had no usage. */
    public void headers(Function<String, @Nullable String> header) {
        String in = header.apply("X-Amzn-Bedrock-Input-Token-Count");
        if (in == null) {
            return;
        }
        reported = true;
        input = parse(in, input);
        output = parse(header.apply("X-Amzn-Bedrock-Output-Token-Count"), output);
        cacheRead = parse(header.apply("X-Amzn-Bedrock-Cache-Read-Input-Token-Count"), cacheRead);
        cacheWrite = parse(header.apply("X-Amzn-Bedrock-Cache-Write-Input-Token-Count"), cacheWrite);
    }

    public void servedTier(Optional<PricingModel> tier) {
        if (tier.isPresent()) {
            servedTier = tier;
        }
    }

    public boolean reported() {
        return reported;
    }

    /** The tier the response says it served, else the request's, else on-demand. */
    public PricingModel pricingModel(RequestHints hints) {
        return servedTier.or(hints::requestedTier).orElse(PricingModel.ON_DEMAND);
    }

    /**
     * The counts by billed type. Cache writes split by the response's own split where it gave one; what the split
     * does not cover (none, or a total the final metrics raised) goes to the request's last breakpoint TTL.
     */
    public TokenCounts counts(RequestHints hints) {
        long m5 = splitKnown ? split5m : 0;
        long h1 = splitKnown ? split1h : 0;
        long rest = Math.max(0, cacheWrite - m5 - h1);
        if (hints.oneHourCacheWrite()) {
            h1 += rest;
        } else {
            m5 += rest;
        }
        return new TokenCounts(input, output, cacheRead, m5, h1);
    }

    private static long number(JsonNode node, String field, long otherwise) {
        JsonNode v = node.get(field);
        return v != null && v.canConvertToLong() && v.asLong() >= 0 ? v.asLong() : otherwise;
    }

    private static long parse(@Nullable String text, long otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(text.strip());
            return n >= 0 ? n : otherwise;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
