package dev.tally.core.usage;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A billing usage type such as {@code USE1-Claude4.6Sonnet-cache-read-input-token-count}, read into region,
 * model, token type and pricing model (aws-facts.md section 5).
 *
 * <p>First-party Bedrock usage types are {@code <REGION>-<Model>-<direction>}, where the model name may
 * itself hold hyphens ({@code Llama3-70B-Instruct}) and the pricing model is a substring anywhere
 * ({@code batch}, {@code -flex}, {@code ProvisionedThroughput}, ...). Marketplace-billed models read
 * {@code USW2-MP:USW2_InputTokenCount-Units} and carry no model name: the product name says which.
 */
public record UsageType(
        String text,
        Optional<String> regionCode,
        Optional<String> model,
        TokenType tokenType,
        PricingModel pricingModel,
        UsageGroup group,
        boolean marketplace,
        boolean oneHourCache) {

    private static final Pattern REGION_PREFIX = Pattern.compile("([A-Z]{2,3}[A-Z0-9]?\\d?)-(.+)");
    /** Segments that end the model name: what follows describes direction, tier or unit. */
    private static final Set<String> MARKERS = Set.of(
            "input",
            "output",
            "tokens",
            "token",
            "cache",
            "batch",
            "flex",
            "priority",
            "latency",
            "mantle",
            "provisionedthroughput",
            "modelunits",
            "modelunit",
            "reserved",
            "1h",
            "5m",
            "cross",
            "units");

    private static final Set<String> BEDROCK_MARKERS =
            Set.of("input", "output", "tokens", "token", "cache", "provisionedthroughput", "modelunits", "modelunit");

    public UsageType {
        requireNonNull(text, "text is null");
        requireNonNull(regionCode, "regionCode is null");
        requireNonNull(model, "model is null");
        requireNonNull(tokenType, "tokenType is null");
        requireNonNull(pricingModel, "pricingModel is null");
        requireNonNull(group, "group is null");
    }

    /** Reads any usage type; one that is not Bedrock's has no model and token type {@code other}. */
    public static UsageType parse(String text) {
        String raw = text == null ? "" : text.strip();
        Optional<String> regionCode = Optional.empty();
        String rest = raw;
        Matcher prefix = REGION_PREFIX.matcher(raw);
        if (prefix.matches() && RegionCode.region(prefix.group(1)).isPresent()) {
            regionCode = Optional.of(prefix.group(1));
            rest = prefix.group(2);
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mp:") && lower.contains("token")) {
            return marketplace(raw, regionCode, lower);
        }
        // Every segment, empty ones included (-1), so the positions match the model cut from the original text below.
        String[] segments = lower.split("-", -1);
        int start = 0;
        while (start < segments.length && MARKERS.contains(segments[start])) {
            start++;
        }
        int end = start;
        while (end < segments.length && !MARKERS.contains(segments[end])) {
            end++;
        }
        boolean bedrock =
                lower.contains("guardrail") || lower.contains("customization") || lower.contains("custommodelimport");
        for (int i = 0; i < segments.length && !bedrock; i++) {
            bedrock = BEDROCK_MARKERS.contains(segments[i]);
        }
        if (!bedrock || end == start) {
            return new UsageType(
                    raw,
                    regionCode,
                    Optional.empty(),
                    TokenType.OTHER,
                    PricingModel.ON_DEMAND,
                    bedrock ? groupOf(lower) : UsageGroup.NOT_BEDROCK,
                    false,
                    false);
        }
        // The model keeps its spelling: the same segments, cut from the text before lower-casing.
        String model = String.join("-", List.of(rest.split("-", -1)).subList(start, end));
        return new UsageType(
                raw,
                regionCode,
                Optional.of(model),
                tokenTypeOf(lower),
                pricingModelOf(lower),
                groupOf(lower),
                false,
                lower.contains("1h"));
    }

    /**
     * The usage type Bedrock bills for this model, region, direction and tier: the inverse of {@link #parse}
     * for the forms the emulator and the sample generator write.
     */
    public static UsageType of(
            String region, String model, TokenType tokenType, PricingModel pricingModel, boolean oneHourCache) {
        String code = RegionCode.code(region)
                .orElseThrow(() -> TallyException.usage("no billing region code for region '" + region + "'"));
        return parse(code + "-" + withoutRegion(model, tokenType, pricingModel, oneHourCache));
    }

    /**
     * The same usage type without its region prefix, for usage whose region is not known (the gateway's ledger
     * records the model and tier, not the region); {@link #parse} reads it with an empty region.
     */
    public static UsageType ofUnknownRegion(
            String model, TokenType tokenType, PricingModel pricingModel, boolean oneHourCache) {
        return parse(withoutRegion(model, tokenType, pricingModel, oneHourCache));
    }

    private static String withoutRegion(
            String model, TokenType tokenType, PricingModel pricingModel, boolean oneHourCache) {
        String tier = switch (pricingModel) {
            case BATCH -> "batch-";
            case RESERVED -> "reserved-";
            case LATENCY_OPTIMIZED -> "latency-optimized-";
            default -> "";
        };
        String suffix = switch (pricingModel) {
            case FLEX -> "-flex";
            case PRIORITY -> "-priority";
            default -> "";
        };
        String direction = switch (tokenType) {
            case INPUT -> "input-tokens";
            case OUTPUT -> "output-tokens";
            case CACHE_READ -> "cache-read-input-token-count";
            case CACHE_WRITE -> (oneHourCache ? "1h-" : "") + "cache-write-input-token-count";
            case OTHER -> throw new IllegalArgumentException("token type 'other' has no usage type");
        };
        if (pricingModel == PricingModel.PROVISIONED) {
            return model + "-ProvisionedThroughput-ModelUnits";
        }
        return model + "-" + tier + direction + suffix;
    }

    /** A Marketplace-billed model's usage type, e.g. {@code USW2-MP:USW2_InputTokenCount-Units}. */
    public static UsageType marketplaceOf(String region, TokenType tokenType) {
        String code = RegionCode.code(region)
                .orElseThrow(() -> TallyException.usage("no billing region code for region '" + region + "'"));
        String direction = switch (tokenType) {
            case INPUT -> "InputTokenCount";
            case OUTPUT -> "OutputTokenCount";
            case CACHE_READ -> "CacheReadInputTokenCount";
            case CACHE_WRITE -> "CacheWriteInputTokenCount";
            case OTHER -> throw new IllegalArgumentException("token type 'other' has no usage type");
        };
        return parse(code + "-MP:" + code + "_" + direction + "-Units");
    }

    public Optional<String> region() {
        return regionCode.flatMap(RegionCode::region);
    }

    /** Whether the usage is a count of tokens (as opposed to model units, hours or requests). */
    public boolean countsTokens() {
        return tokenType != TokenType.OTHER;
    }

    private static UsageType marketplace(String raw, Optional<String> regionCode, String lower) {
        return new UsageType(
                raw,
                regionCode,
                Optional.empty(),
                tokenTypeOf(lower),
                PricingModel.ON_DEMAND,
                UsageGroup.INFERENCE,
                true,
                false);
    }

    private static TokenType tokenTypeOf(String lower) {
        String compact = lower.replace("-", "").replace("_", "");
        if (compact.contains("cacheread")) {
            return TokenType.CACHE_READ;
        }
        if (compact.contains("cachewrite")) {
            return TokenType.CACHE_WRITE;
        }
        if (compact.contains("output")) {
            return TokenType.OUTPUT;
        }
        if (compact.contains("input")) {
            return TokenType.INPUT;
        }
        return TokenType.OTHER;
    }

    private static PricingModel pricingModelOf(String lower) {
        if (lower.contains("provisionedthroughput") || lower.contains("modelunit")) {
            return PricingModel.PROVISIONED;
        }
        if (lower.contains("reserved")) {
            return PricingModel.RESERVED;
        }
        if (lower.contains("batch")) {
            return PricingModel.BATCH;
        }
        if (lower.contains("-flex")) {
            return PricingModel.FLEX;
        }
        if (lower.contains("-priority")) {
            return PricingModel.PRIORITY;
        }
        if (lower.contains("latency-optimized")) {
            return PricingModel.LATENCY_OPTIMIZED;
        }
        return PricingModel.ON_DEMAND;
    }

    private static UsageGroup groupOf(String lower) {
        if (lower.contains("guardrail")) {
            return UsageGroup.GUARDRAIL;
        }
        if (lower.contains("embedding")) {
            return UsageGroup.EMBEDDING;
        }
        if (lower.contains("customization")) {
            return UsageGroup.CUSTOMIZATION_TRAINING;
        }
        if (lower.contains("custommodelimport")) {
            return UsageGroup.CUSTOM_MODEL_IMPORT;
        }
        return UsageGroup.INFERENCE;
    }
}
