package dev.tally.gateway.govern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.price.PriceCatalog;
import dev.tally.core.usage.PricingModel;
import dev.tally.core.usage.TokenType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The most a request can cost, known before it is sent: what a budget reserves.
 *
 * <p>Input: every string in the body counts one token per UTF-8 byte (a tokenizer never makes more tokens than
 * bytes), except an image's or document's encoded data, which counts a fixed allowance instead, plus a fixed
 * allowance for the prompt's framing. All of it is priced at the model's highest input-side price (input, or a
 * one-hour cache write, whichever is dearer), since the request may write all of it to the cache. Output: the
 * request's own cap ({@code max_tokens}, {@code inferenceConfig.maxTokens}, Nova's {@code max_new_tokens}), or,
 * without one, the model's maximum output from the price catalog.
 *
 * @param inputTokens the input bound
 * @param outputTokens the output bound
 * @param cost both at their prices, in the catalog's currency
 */
public record WorstCase(long inputTokens, long outputTokens, BigDecimal cost) {
    /** Per image: Claude resizes images to at most about 1.15 megapixels, about 1,600 tokens; kept generous. */
    static final long IMAGE_TOKENS = 5_000;
    /** Per document (PDF pages are text plus an image each): a bound for documents up to about 20 pages. */
    static final long DOCUMENT_TOKENS = 60_000;
    /** Role markers, tool-use framing and system prompt wrappers the model adds around the text. */
    static final long FRAMING_TOKENS = 512;
    /** Output cap for a model the catalog has no maximum for. */
    static final long UNKNOWN_MAX_OUTPUT = 64_000;

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** The worst case of a request body for a canonical model (unknown models cost nothing, but still count). */
    public static WorstCase of(JsonNode body, String model, PricingModel tier, PriceCatalog catalog) {
        long input = FRAMING_TOKENS + inputBound(body);
        long output = outputCap(body).orElse(catalog.maxOutputTokens(model).orElse(UNKNOWN_MAX_OUTPUT));
        BigDecimal inputPrice = Stream.of(
                        catalog.pricePerMillion(model, TokenType.INPUT, tier, false),
                        catalog.pricePerMillion(model, TokenType.CACHE_WRITE, tier, false),
                        catalog.pricePerMillion(model, TokenType.CACHE_WRITE, tier, true))
                .flatMap(java.util.Optional::stream)
                .max(BigDecimal::compareTo)
                .orElse(BigDecimal.ZERO);
        BigDecimal outputPrice =
                catalog.pricePerMillion(model, TokenType.OUTPUT, tier, false).orElse(BigDecimal.ZERO);
        BigDecimal cost = PriceCatalog.costOf(input, inputPrice).add(PriceCatalog.costOf(output, outputPrice));
        return new WorstCase(input, output, cost);
    }

    private static java.util.OptionalLong outputCap(JsonNode body) {
        for (JsonNode cap : new JsonNode[] {
            body.path("max_tokens"),
            body.path("inferenceConfig").path("maxTokens"),
            body.path("inferenceConfig").path("max_new_tokens"),
            body.path("textGenerationConfig").path("maxTokenCount")
        }) {
            if (cap.canConvertToLong() && cap.asLong() > 0) {
                return java.util.OptionalLong.of(cap.asLong());
            }
        }
        return java.util.OptionalLong.empty();
    }

    private static long inputBound(JsonNode node) {
        if (node == null) {
            return 0;
        }
        if (node.isTextual()) {
            return node.asText().getBytes(StandardCharsets.UTF_8).length;
        }
        if (node.isArray()) {
            long sum = 0;
            for (JsonNode n : node) {
                sum += inputBound(n);
            }
            return sum;
        }
        if (!node.isObject()) {
            return 0;
        }
        // Anthropic blocks: {"type":"image"|"document","source":{...}}; Converse: {"image":{...}}, {"document":{...}}.
        String type = node.path("type").asText("");
        if (type.equals("image") || (node.has("image") && node.get("image").isObject())) {
            return IMAGE_TOKENS;
        }
        if (type.equals("document")
                || (node.has("document") && node.get("document").isObject())) {
            return DOCUMENT_TOKENS;
        }
        long sum = 0;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            sum += inputBound(field.getValue());
        }
        return sum;
    }
}
