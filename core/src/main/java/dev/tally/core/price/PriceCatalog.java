package dev.tally.core.price;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import dev.tally.core.usage.PricingModel;
import dev.tally.core.usage.TokenType;
import dev.tally.core.usage.UsageType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bedrock prices, dated and with their source named, so that the ledger, the emulator and the bill price a
 * token the same way. The built-in catalog is a resource; a user file in the same format overrides it
 * model by model. No price lives anywhere else in the code.
 */
public final class PriceCatalog {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    /** Regional and global inference-profile prefixes, stripped before matching a model id. */
    private static final Pattern GEO_PREFIX = Pattern.compile("^(us|eu|apac|ap|global|jp|au|ca|us-gov)\\.");

    private final LocalDate asOf;
    private final String source;
    private final String currency;
    private final Map<String, BigDecimal> multipliers;
    private final Map<String, ModelPrice> models;
    private final Map<String, ModelPrice> marketplace;
    private final Map<String, Long> maxOutput;

    private PriceCatalog(
            LocalDate asOf,
            String source,
            String currency,
            Map<String, BigDecimal> multipliers,
            Map<String, ModelPrice> models,
            Map<String, ModelPrice> marketplace,
            Map<String, Long> maxOutput) {
        this.asOf = requireNonNull(asOf, "asOf is null");
        this.source = requireNonNull(source, "source is null");
        this.currency = requireNonNull(currency, "currency is null");
        this.multipliers = Map.copyOf(multipliers);
        this.models = Map.copyOf(models);
        this.marketplace = Map.copyOf(marketplace);
        this.maxOutput = Map.copyOf(maxOutput);
    }

    /** The most output tokens one request to a canonical model can produce, if the catalog says. */
    public java.util.OptionalLong maxOutputTokens(String model) {
        Long max = maxOutput.get(model);
        return max == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(max);
    }

    /** The catalog shipped with Tally. */
    public static PriceCatalog builtIn() {
        return BuiltIn.CATALOG;
    }

    /** The built-in catalog with a user file's statements applied on top. */
    public static PriceCatalog withOverrides(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw TallyException.usage("cannot read price catalog " + file + ": " + e.getMessage());
        }
        return builtIn().overriddenBy(text, file.toString());
    }

    /** Parses a complete catalog; {@code origin} names it in errors. */
    public static PriceCatalog parse(String text, String origin) {
        return new Parser(origin, null).parse(text);
    }

    PriceCatalog overriddenBy(String text, String origin) {
        return new Parser(origin, this).parse(text);
    }

    public LocalDate asOf() {
        return asOf;
    }

    public String source() {
        return source;
    }

    public String currency() {
        return currency;
    }

    public List<ModelPrice> models() {
        return models.values().stream()
                .sorted((a, b) -> a.model().compareTo(b.model()))
                .toList();
    }

    /**
     * The canonical model name for a Bedrock model id, inference-profile id or ARN
     * ({@code us.anthropic.claude-sonnet-4-6} to {@code Claude4.6Sonnet}); a canonical name maps to itself.
     */
    public Optional<String> canonicalModel(String modelId) {
        if (modelId == null || modelId.isBlank()) {
            return Optional.empty();
        }
        if (models.containsKey(modelId)) {
            return Optional.of(modelId);
        }
        String id = modelId.strip();
        int slash = id.lastIndexOf('/');
        if (id.startsWith("arn:") && slash >= 0) {
            id = id.substring(slash + 1);
        }
        id = GEO_PREFIX.matcher(id.toLowerCase(Locale.ROOT)).replaceFirst("");
        String best = null;
        int bestLength = -1;
        for (ModelPrice price : models.values()) {
            for (String known : price.ids()) {
                if (matchesAtBoundary(id, known) && known.length() > bestLength) {
                    best = price.model();
                    bestLength = known.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The price of one million tokens of this model, direction and tier. */
    public Optional<BigDecimal> pricePerMillion(
            String model, TokenType tokenType, PricingModel pricingModel, boolean oneHourCache) {
        ModelPrice price = models.get(model);
        if (price == null) {
            return Optional.empty();
        }
        return perMillion(price, tokenType, pricingModel, oneHourCache);
    }

    /** The price of one million tokens of a Marketplace-billed model, by its product name. */
    public Optional<BigDecimal> marketplacePricePerMillion(String productName, TokenType tokenType) {
        ModelPrice price = marketplace.get(productName);
        if (price == null) {
            return Optional.empty();
        }
        return perMillion(price, tokenType, PricingModel.ON_DEMAND, false);
    }

    /** The price of one million tokens billed under this usage type (first-party models only). */
    public Optional<BigDecimal> pricePerMillion(UsageType usageType) {
        return usageType
                .model()
                .flatMap(m ->
                        pricePerMillion(m, usageType.tokenType(), usageType.pricingModel(), usageType.oneHourCache()));
    }

    /** What {@code tokens} tokens cost at a per-million price. */
    public static BigDecimal costOf(long tokens, BigDecimal perMillion) {
        return perMillion.multiply(BigDecimal.valueOf(tokens)).divide(MILLION);
    }

    public List<String> marketplaceProducts() {
        return marketplace.keySet().stream().sorted().toList();
    }

    private Optional<BigDecimal> perMillion(
            ModelPrice price, TokenType tokenType, PricingModel pricingModel, boolean oneHourCache) {
        BigDecimal base = switch (tokenType) {
            case INPUT -> price.inputPerMillion();
            case OUTPUT -> price.outputPerMillion();
            case CACHE_READ -> price.inputPerMillion().multiply(multiplier("cache-read"));
            case CACHE_WRITE ->
                price.inputPerMillion().multiply(multiplier(oneHourCache ? "cache-write-1h" : "cache-write"));
            case OTHER -> null;
        };
        if (base == null || pricingModel == PricingModel.PROVISIONED) {
            return Optional.empty();
        }
        BigDecimal tier = pricingModel == PricingModel.ON_DEMAND ? BigDecimal.ONE : multiplier(pricingModel.label());
        return Optional.of(base.multiply(tier).stripTrailingZeros());
    }

    private BigDecimal multiplier(String name) {
        BigDecimal m = multipliers.get(name);
        if (m == null) {
            throw new IllegalStateException("price catalog has no multiplier '" + name + "'");
        }
        return m;
    }

    private static boolean matchesAtBoundary(String id, String known) {
        if (!id.startsWith(known)) {
            return false;
        }
        if (id.length() == known.length()) {
            return true;
        }
        char next = id.charAt(known.length());
        return next == '-' || next == ':' || next == '.';
    }

    private static final class BuiltIn {
        static final PriceCatalog CATALOG = load();

        private static PriceCatalog load() {
            try (InputStream in = PriceCatalog.class.getResourceAsStream("/dev/tally/core/prices.txt")) {
                if (in == null) {
                    throw new IllegalStateException("built-in price catalog is missing from the jar");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in prices.txt");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Parser {
        private final String origin;
        private LocalDate asOf;
        private String source;
        private String currency;
        private final Map<String, BigDecimal> multipliers = new LinkedHashMap<>();
        private final Map<String, ModelPrice> models = new LinkedHashMap<>();
        private final Map<String, ModelPrice> marketplace = new LinkedHashMap<>();
        private final Map<String, Long> maxOutput = new LinkedHashMap<>();

        Parser(String origin, PriceCatalog base) {
            this.origin = origin;
            if (base != null) {
                asOf = base.asOf;
                source = base.source;
                currency = base.currency;
                multipliers.putAll(base.multipliers);
                models.putAll(base.models);
                marketplace.putAll(base.marketplace);
                maxOutput.putAll(base.maxOutput);
            }
        }

        PriceCatalog parse(String text) {
            String[] lines = text.split("\\R", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    statement(line, i + 1);
                }
            }
            if (asOf == null || source == null || currency == null) {
                throw TallyException.usage(origin + ": a price catalog needs 'as-of', 'source' and 'currency' lines");
            }
            return new PriceCatalog(asOf, source, currency, multipliers, models, marketplace, maxOutput);
        }

        private void statement(String line, int number) {
            String[] words = line.split("\\s+");
            String where = origin + ":" + number;
            switch (words[0]) {
                case "as-of" -> {
                    try {
                        asOf = LocalDate.parse(rest(words, 1, where));
                    } catch (DateTimeParseException e) {
                        throw TallyException.usage(where + ": expected 'as-of YYYY-MM-DD', got '" + line + "'");
                    }
                }
                case "source" -> source = rest(words, 1, where);
                case "currency" -> currency = rest(words, 1, where);
                case "multiplier" -> {
                    expect(words.length == 3, where, "'multiplier NAME FACTOR'", line);
                    multipliers.put(words[1], number(words[2], where));
                }
                case "model" -> {
                    expect(words.length >= 4, where, "'model NAME INPUT OUTPUT [ID...]'", line);
                    List<String> ids = Arrays.stream(words, 4, words.length)
                            .map(s -> s.toLowerCase(Locale.ROOT))
                            .toList();
                    models.put(
                            words[1], new ModelPrice(words[1], number(words[2], where), number(words[3], where), ids));
                }
                case "marketplace" -> {
                    expect(words.length >= 4, where, "'marketplace INPUT OUTPUT PRODUCT NAME'", line);
                    String product = rest(words, 3, where);
                    marketplace.put(
                            product,
                            new ModelPrice(product, number(words[1], where), number(words[2], where), List.of()));
                }
                case "max-output" -> {
                    expect(words.length == 3, where, "'max-output NAME TOKENS'", line);
                    try {
                        long tokens = Long.parseLong(words[2]);
                        expect(tokens > 0, where, "a positive token count", line);
                        maxOutput.put(words[1], tokens);
                    } catch (NumberFormatException e) {
                        throw TallyException.usage(where + ": expected 'max-output NAME TOKENS', got '" + line + "'");
                    }
                }
                default ->
                    throw TallyException.usage(where + ": unknown statement '" + words[0]
                            + "' (expected as-of, source, currency, multiplier, model, marketplace or max-output)");
            }
        }

        private static String rest(String[] words, int from, String where) {
            expect(words.length > from, where, "a value after '" + words[0] + "'", String.join(" ", words));
            return String.join(" ", Arrays.copyOfRange(words, from, words.length));
        }

        private static BigDecimal number(String word, String where) {
            try {
                BigDecimal value = new BigDecimal(word);
                if (value.signum() < 0) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw TallyException.usage(where + ": expected a non-negative number, got '" + word + "'");
            }
        }

        private static void expect(boolean ok, String where, String expected, String line) {
            if (!ok) {
                throw TallyException.usage(where + ": expected " + expected + ", got '" + line + "'");
            }
        }
    }
}
