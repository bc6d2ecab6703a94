package dev.tally.cur.sample;

import static java.util.Objects.requireNonNull;

import dev.tally.core.price.ModelPrice;
import dev.tally.core.price.PriceCatalog;
import dev.tally.core.usage.PricingModel;
import dev.tally.core.usage.RegionCode;
import dev.tally.core.usage.TokenType;
import dev.tally.core.usage.UsageType;
import dev.tally.cur.sample.LineTemplate.Amount;
import dev.tally.cur.sample.LineTemplate.Category;
import dev.tally.cur.sample.LineTemplate.Resource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The line item templates of a sample and the share of rows each gets. Every Bedrock price comes from the
 * {@link PriceCatalog}; the EC2 and S3 rates are illustrative, since Tally never prices other services.
 */
final class LineTemplates {
    private static final String AWS = "AWS";
    private static final String MARKETPLACE = "AWS Marketplace";
    private static final String BEDROCK = "AmazonBedrock";
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);

    /** A category's share of all rows: every category has one. */
    private static double share(Category category) {
        return requireNonNull(CATEGORY_SHARE.get(category), category + " has no share");
    }

    /** Share of all rows by category; tokens dominate, as on any account that uses Bedrock in earnest. */
    private static final Map<Category, Double> CATEGORY_SHARE = Map.of(
            Category.TOKENS, 0.83,
            Category.MARKETPLACE, 0.025,
            Category.PROVISIONED, 0.01,
            Category.EC2, 0.07,
            Category.S3, 0.045,
            Category.TAX, 0.008,
            Category.CREDIT, 0.012);

    /** Regions and their share of Bedrock rows, with the location names billing descriptions use. */
    private static final List<RegionShare> REGIONS = List.of(
            new RegionShare("us-east-1", "US East (N. Virginia)", 0.45),
            new RegionShare("us-west-2", "US West (Oregon)", 0.30),
            new RegionShare("eu-central-1", "EU (Frankfurt)", 0.15),
            new RegionShare("ap-northeast-1", "Asia Pacific (Tokyo)", 0.10));

    /** How much each catalog model is used; a model not named here gets weight 1. */
    private static final Map<String, Double> MODEL_SHARE = Map.ofEntries(
            Map.entry("Claude4.6Sonnet", 30.0),
            Map.entry("Claude4.5Sonnet", 14.0),
            Map.entry("Claude4.5Haiku", 12.0),
            Map.entry("Claude4.6Opus", 8.0),
            Map.entry("NovaLite", 6.0),
            Map.entry("NovaMicro", 4.0),
            Map.entry("NovaPro", 4.0),
            Map.entry("Claude4Sonnet", 4.0),
            Map.entry("Claude3.7Sonnet", 3.0),
            Map.entry("Claude4.5Opus", 3.0),
            Map.entry("Claude3.5Haiku", 2.0));

    /** Older models are still billed under the product codes Bedrock used before. */
    private static final Map<String, String> PRODUCT_CODE = Map.of(
            "Claude3.7Sonnet", "AmazonBedrockService",
            "Claude3.5Haiku", "AmazonBedrockService",
            "Claude4Sonnet", "AmazonBedrockFoundationModels",
            "Claude4Opus", "AmazonBedrockFoundationModels");

    /**
     * The sample's assumption for provisioned throughput, which the catalog does not price: one model unit for
     * an hour costs what this many million input tokens cost on demand (Sonnet: 15 x 3 USD = 45 USD an hour).
     */
    private static final BigDecimal MODEL_UNIT_HOUR_IN_MILLION_INPUT_TOKENS = BigDecimal.valueOf(15);

    private final PriceCatalog catalog;
    private final List<LineTemplate> templates = new ArrayList<>();

    private LineTemplates(PriceCatalog catalog) {
        this.catalog = catalog;
    }

    static List<LineTemplate> from(PriceCatalog catalog) {
        LineTemplates t = new LineTemplates(catalog);
        t.tokens();
        t.provisioned();
        t.marketplace();
        t.ec2();
        t.s3();
        t.taxAndCredits();
        return List.copyOf(t.templates);
    }

    private void tokens() {
        List<ModelPrice> models = catalog.models();
        double modelTotal =
                models.stream().mapToDouble(m -> modelShare(m.model())).sum();
        for (ModelPrice model : models) {
            String name = model.model();
            boolean caches = name.startsWith("Claude");
            for (RegionShare region : REGIONS) {
                double share = share(Category.TOKENS) * modelShare(name) / modelTotal * region.share();
                List<Tier> tiers = new ArrayList<>();
                tiers.add(new Tier(PricingModel.ON_DEMAND, TokenType.INPUT, false, caches ? 0.30 * 0.88 : 0.5 * 0.88));
                tiers.add(new Tier(PricingModel.ON_DEMAND, TokenType.OUTPUT, false, caches ? 0.30 * 0.88 : 0.5 * 0.88));
                if (caches) {
                    tiers.add(new Tier(PricingModel.ON_DEMAND, TokenType.CACHE_READ, false, 0.22 * 0.88));
                    tiers.add(new Tier(PricingModel.ON_DEMAND, TokenType.CACHE_WRITE, false, 0.13 * 0.88));
                    tiers.add(new Tier(PricingModel.ON_DEMAND, TokenType.CACHE_WRITE, true, 0.05 * 0.88));
                }
                for (PricingModel tier : List.of(PricingModel.BATCH, PricingModel.FLEX, PricingModel.PRIORITY)) {
                    double tierShare = tier == PricingModel.BATCH ? 0.08 : 0.02;
                    tiers.add(new Tier(tier, TokenType.INPUT, false, tierShare * 0.5));
                    tiers.add(new Tier(tier, TokenType.OUTPUT, false, tierShare * 0.5));
                }
                for (Tier tier : tiers) {
                    tokenTemplate(model, region, tier, 1_000, share * tier.share() * 0.85);
                    tokenTemplate(model, region, tier, 1_000_000, share * tier.share() * 0.15);
                }
            }
        }
    }

    private void tokenTemplate(ModelPrice model, RegionShare region, Tier tier, long tokensPerUnit, double weight) {
        BigDecimal perMillion = catalog.pricePerMillion(
                        model.model(), tier.tokenType(), tier.pricingModel(), tier.oneHour())
                .orElseThrow(() -> new IllegalStateException("catalog has no price for " + model.model() + " " + tier));
        BigDecimal rate = perUnit(perMillion, tokensPerUnit);
        UsageType usageType =
                UsageType.of(region.name(), model.model(), tier.tokenType(), tier.pricingModel(), tier.oneHour());
        String unit = tokensPerUnit == 1_000 ? "1K tokens" : "1M tokens";
        double[] range = tokenRange(tier.tokenType());
        double scale = tier.pricingModel() == PricingModel.BATCH ? 10 : 1;
        String direction = switch (tier.tokenType()) {
            case INPUT -> "input tokens";
            case OUTPUT -> "output tokens";
            case CACHE_READ -> "cache read input tokens";
            case CACHE_WRITE -> (tier.oneHour() ? "1-hour " : "") + "cache write input tokens";
            case OTHER -> throw new IllegalStateException("no template for token type other");
        };
        String tierText = tier.pricingModel() == PricingModel.ON_DEMAND
                ? ""
                : " (" + tier.pricingModel().label() + ")";
        String productCode = PRODUCT_CODE.getOrDefault(model.model(), BEDROCK);
        add(
                Category.TOKENS,
                AWS,
                "Usage",
                productCode,
                "Amazon Bedrock",
                Optional.of(region.name()),
                Optional.of(usageType.text()),
                Optional.empty(),
                Optional.of(unit),
                Amount.TOKENS,
                range[0] * scale,
                range[1] * scale,
                tokensPerUnit,
                rate,
                true,
                money(rate) + " per " + unit.replace(" tokens", "") + " " + direction + " for " + model.model()
                        + tierText + " in " + region.location(),
                Resource.FOUNDATION_MODEL,
                model.ids().isEmpty() ? model.model() : model.ids().getFirst(),
                30,
                weight);
    }

    private void provisioned() {
        List<ModelPrice> models = catalog.models().stream()
                .sorted((a, b) -> Double.compare(modelShare(b.model()), modelShare(a.model())))
                .limit(3)
                .toList();
        int n = 0;
        for (ModelPrice model : models) {
            for (RegionShare region : REGIONS.subList(0, 2)) {
                BigDecimal rate = model.inputPerMillion().multiply(MODEL_UNIT_HOUR_IN_MILLION_INPUT_TOKENS);
                String unit = n++ % 2 == 0 ? "Hours" : "Units";
                UsageType usageType =
                        UsageType.of(region.name(), model.model(), TokenType.INPUT, PricingModel.PROVISIONED, false);
                add(
                        Category.PROVISIONED,
                        AWS,
                        "Usage",
                        BEDROCK,
                        "Amazon Bedrock",
                        Optional.of(region.name()),
                        Optional.of(usageType.text()),
                        Optional.of("InvokeModelInference"),
                        Optional.of(unit),
                        Amount.COUNT,
                        1,
                        4,
                        1,
                        rate,
                        true,
                        money(rate) + " per model unit-hour of provisioned throughput for " + model.model() + " in "
                                + region.location(),
                        Resource.PROVISIONED_MODEL,
                        model.model().toLowerCase(Locale.ROOT),
                        0,
                        share(Category.PROVISIONED) / (models.size() * 2.0));
            }
        }
    }

    private void marketplace() {
        List<String> products = catalog.marketplaceProducts();
        for (String product : products) {
            String code = opaqueProductCode(product);
            for (RegionShare region : REGIONS.subList(0, 2)) {
                for (TokenType tokenType : List.of(TokenType.INPUT, TokenType.OUTPUT)) {
                    BigDecimal rate = catalog.marketplacePricePerMillion(product, tokenType)
                            .orElseThrow();
                    UsageType usageType = UsageType.marketplaceOf(region.name(), tokenType);
                    boolean input = tokenType == TokenType.INPUT;
                    add(
                            Category.MARKETPLACE,
                            MARKETPLACE,
                            "Usage",
                            code,
                            product,
                            Optional.of(region.name()),
                            Optional.of(usageType.text()),
                            Optional.of("Usage"),
                            Optional.of("Units"),
                            Amount.TOKENS,
                            input ? 10_000 : 2_000,
                            input ? 5_000_000 : 1_000_000,
                            1_000_000,
                            rate,
                            false,
                            money(rate) + " per Million " + (input ? "Input" : "Output") + " Tokens for " + product,
                            Resource.NONE,
                            "",
                            0,
                            share(Category.MARKETPLACE) / (products.size() * 4.0));
                }
            }
        }
    }

    private void ec2() {
        record Instance(String type, String hourly) {}
        // Illustrative on-demand Linux rates: the sample needs other services beside Bedrock, not their prices.
        List<Instance> instances = List.of(
                new Instance("m7i.xlarge", "0.2016"),
                new Instance("c7g.2xlarge", "0.289"),
                new Instance("t3.medium", "0.0416"),
                new Instance("g5.xlarge", "1.006"),
                new Instance("r7i.large", "0.1323"));
        for (Instance instance : instances) {
            for (RegionShare region : REGIONS) {
                BigDecimal rate = new BigDecimal(instance.hourly());
                add(
                        Category.EC2,
                        AWS,
                        "Usage",
                        "AmazonEC2",
                        "Amazon Elastic Compute Cloud",
                        Optional.of(region.name()),
                        Optional.of(regionPrefix(region.name()) + "BoxUsage:" + instance.type()),
                        Optional.of("RunInstances"),
                        Optional.of("Hrs"),
                        Amount.COUNT,
                        1,
                        6,
                        1,
                        rate,
                        true,
                        money(rate) + " per On Demand Linux " + instance.type() + " Instance Hour",
                        Resource.INSTANCE,
                        "",
                        60,
                        share(Category.EC2) * region.share() / instances.size());
            }
        }
    }

    private void s3() {
        for (RegionShare region : REGIONS) {
            BigDecimal rate = new BigDecimal(region.name().startsWith("us-") ? "0.023" : "0.0245");
            add(
                    Category.S3,
                    AWS,
                    "Usage",
                    "AmazonS3",
                    "Amazon Simple Storage Service",
                    Optional.of(region.name()),
                    Optional.of(regionPrefix(region.name()) + "TimedStorage-ByteHrs"),
                    Optional.of("StandardStorage"),
                    Optional.of("GB-Mo"),
                    Amount.MEASURE,
                    0.001,
                    5,
                    1,
                    rate,
                    true,
                    money(rate) + " per GB - first 50 TB / month of storage used",
                    Resource.BUCKET,
                    "",
                    60,
                    share(Category.S3) * region.share());
        }
    }

    private void taxAndCredits() {
        record Product(String code, String name, double share) {}
        List<Product> taxed = List.of(
                new Product(BEDROCK, "Amazon Bedrock", 0.6),
                new Product("AmazonEC2", "Amazon Elastic Compute Cloud", 0.3),
                new Product("AmazonS3", "Amazon Simple Storage Service", 0.1));
        for (Product p : taxed) {
            add(
                    Category.TAX,
                    AWS,
                    "Tax",
                    p.code(),
                    p.name(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Amount.CHARGE,
                    0.5,
                    40,
                    1,
                    Optional.empty(),
                    false,
                    "Tax for product code " + p.code(),
                    Resource.NONE,
                    "",
                    0,
                    share(Category.TAX) * p.share());
        }
        String mostUsed = catalog.models().stream()
                .map(ModelPrice::model)
                .max(Comparator.comparingDouble(LineTemplates::modelShare).thenComparing(Comparator.reverseOrder()))
                .orElseThrow();
        String bedrockUsage = UsageType.of("us-east-1", mostUsed, TokenType.INPUT, PricingModel.ON_DEMAND, false)
                .text();
        add(
                Category.CREDIT,
                AWS,
                "Credit",
                BEDROCK,
                "Amazon Bedrock",
                Optional.of("us-east-1"),
                Optional.of(bedrockUsage),
                Optional.empty(),
                Optional.empty(),
                Amount.CHARGE,
                1,
                40,
                1,
                Optional.empty(),
                false,
                "AWS Credits: generative AI proof of concept",
                Resource.NONE,
                "",
                0,
                share(Category.CREDIT) * 0.6);
        add(
                Category.CREDIT,
                AWS,
                "Credit",
                "AmazonEC2",
                "Amazon Elastic Compute Cloud",
                Optional.of("us-east-1"),
                Optional.of("BoxUsage:m7i.xlarge"),
                Optional.empty(),
                Optional.empty(),
                Amount.CHARGE,
                1,
                40,
                1,
                Optional.empty(),
                false,
                "AWS Credits: Activate",
                Resource.NONE,
                "",
                0,
                share(Category.CREDIT) * 0.4);
    }

    private void add(
            Category category,
            String entity,
            String type,
            String productCode,
            String productName,
            Optional<String> region,
            Optional<String> usageType,
            Optional<String> operation,
            Optional<String> unit,
            Amount amount,
            double lo,
            double hi,
            long tokensPerUnit,
            BigDecimal rate,
            boolean discountable,
            String description,
            Resource resource,
            String resourceName,
            int resourceTagPercent,
            double weight) {
        add(
                category,
                entity,
                type,
                productCode,
                productName,
                region,
                usageType,
                operation,
                unit,
                amount,
                lo,
                hi,
                tokensPerUnit,
                Optional.of(rate),
                discountable,
                description,
                resource,
                resourceName,
                resourceTagPercent,
                weight);
    }

    private void add(
            Category category,
            String entity,
            String type,
            String productCode,
            String productName,
            Optional<String> region,
            Optional<String> usageType,
            Optional<String> operation,
            Optional<String> unit,
            Amount amount,
            double lo,
            double hi,
            long tokensPerUnit,
            Optional<BigDecimal> rate,
            boolean discountable,
            String description,
            Resource resource,
            String resourceName,
            int resourceTagPercent,
            double weight) {
        templates.add(new LineTemplate(
                templates.size(),
                category,
                entity,
                type,
                productCode,
                productName,
                region,
                usageType,
                operation,
                unit,
                amount,
                lo,
                hi,
                tokensPerUnit,
                rate,
                discountable,
                description,
                resource,
                resourceName,
                resourceTagPercent,
                weight));
    }

    private static double modelShare(String model) {
        return MODEL_SHARE.getOrDefault(model, 1.0);
    }

    /** Tokens per hourly line: a wide, skewed spread, as between an idle hour and a busy agent run. */
    private static double[] tokenRange(TokenType tokenType) {
        return switch (tokenType) {
            case INPUT -> new double[] {2_000, 3_000_000};
            case OUTPUT -> new double[] {500, 600_000};
            case CACHE_READ -> new double[] {20_000, 30_000_000};
            case CACHE_WRITE -> new double[] {5_000, 2_000_000};
            case OTHER -> throw new IllegalStateException("no tokens of type other");
        };
    }

    private static BigDecimal perUnit(BigDecimal perMillion, long tokensPerUnit) {
        BigDecimal rate = tokensPerUnit == 1_000 ? perMillion.divide(THOUSAND) : perMillion;
        return rate.stripTrailingZeros();
    }

    private static String money(BigDecimal rate) {
        return "USD " + rate.stripTrailingZeros().toPlainString();
    }

    /** us-east-1 usage types carry no region prefix outside Bedrock; every other region does. */
    private static String regionPrefix(String region) {
        return region.equals("us-east-1") ? "" : RegionCode.code(region).orElseThrow() + "-";
    }

    /** Marketplace product codes are opaque: 25 lowercase letters and digits, stable for a product. */
    static String opaqueProductCode(String product) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(product.getBytes(StandardCharsets.UTF_8));
            String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            StringBuilder b = new StringBuilder(25);
            for (int i = 0; i < 25; i++) {
                b.append(alphabet.charAt(Byte.toUnsignedInt(digest[i]) % alphabet.length()));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record RegionShare(String name, String location, double share) {}

    private record Tier(PricingModel pricingModel, TokenType tokenType, boolean oneHour, double share) {}
}
