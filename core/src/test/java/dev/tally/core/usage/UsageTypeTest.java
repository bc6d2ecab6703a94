package dev.tally.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class UsageTypeTest {
    @Test
    void parse_inputTokens() {
        UsageType t = UsageType.parse("USE1-Claude4.6Sonnet-input-tokens");
        assertThat(t.region()).contains("us-east-1");
        assertThat(t.model()).contains("Claude4.6Sonnet");
        assertThat(t.tokenType()).isEqualTo(TokenType.INPUT);
        assertThat(t.pricingModel()).isEqualTo(PricingModel.ON_DEMAND);
        assertThat(t.group()).isEqualTo(UsageGroup.INFERENCE);
    }

    @Test
    void parse_outputTokens_otherRegion() {
        UsageType t = UsageType.parse("APN1-Claude4.6Opus-output-tokens");
        assertThat(t.region()).contains("ap-northeast-1");
        assertThat(t.model()).contains("Claude4.6Opus");
        assertThat(t.tokenType()).isEqualTo(TokenType.OUTPUT);
    }

    @Test
    void parse_cacheReadAndWrite() {
        assertThat(UsageType.parse("USE1-Claude4.6Sonnet-cache-read-input-token-count")
                        .tokenType())
                .isEqualTo(TokenType.CACHE_READ);
        UsageType write = UsageType.parse("USW2-Claude4.6Sonnet-cache-write-input-token-count");
        assertThat(write.tokenType()).isEqualTo(TokenType.CACHE_WRITE);
        assertThat(write.oneHourCache()).isFalse();
        UsageType hour = UsageType.parse("USW2-Claude4.6Sonnet-1h-cache-write-input-token-count");
        assertThat(hour.tokenType()).isEqualTo(TokenType.CACHE_WRITE);
        assertThat(hour.oneHourCache()).isTrue();
        assertThat(hour.model()).contains("Claude4.6Sonnet");
    }

    @Test
    void parse_pricingModels() {
        assertThat(UsageType.parse("USE1-Claude4.6Sonnet-batch-input-tokens").pricingModel())
                .isEqualTo(PricingModel.BATCH);
        assertThat(UsageType.parse("USE1-NovaLite-input-tokens-flex").pricingModel())
                .isEqualTo(PricingModel.FLEX);
        assertThat(UsageType.parse("USE1-NovaLite-output-tokens-priority").pricingModel())
                .isEqualTo(PricingModel.PRIORITY);
        assertThat(UsageType.parse("USE2-Claude3.5Haiku-latency-optimized-input-tokens")
                        .pricingModel())
                .isEqualTo(PricingModel.LATENCY_OPTIMIZED);
        assertThat(UsageType.parse("USE1-Claude4.6Sonnet-reserved-input-tokens").pricingModel())
                .isEqualTo(PricingModel.RESERVED);
        UsageType provisioned = UsageType.parse("USE1-Claude4.6Sonnet-ProvisionedThroughput-ModelUnits");
        assertThat(provisioned.pricingModel()).isEqualTo(PricingModel.PROVISIONED);
        assertThat(provisioned.model()).contains("Claude4.6Sonnet");
        assertThat(provisioned.tokenType()).isEqualTo(TokenType.OTHER);
    }

    @Test
    void parse_modelNamesWithHyphens() {
        UsageType t = UsageType.parse("USW2-Llama3-70B-Instruct-input-tokens");
        assertThat(t.model()).contains("Llama3-70B-Instruct");
        assertThat(t.region()).contains("us-west-2");
    }

    @Test
    void parse_mantleUsage() {
        UsageType t = UsageType.parse("USE1-Claude4.6Sonnet-mantle-input-tokens-standard");
        assertThat(t.model()).contains("Claude4.6Sonnet");
        assertThat(t.tokenType()).isEqualTo(TokenType.INPUT);
    }

    @Test
    void parse_marketplace_hasNoModelButATokenType() {
        UsageType in = UsageType.parse("USW2-MP:USW2_InputTokenCount-Units");
        assertThat(in.marketplace()).isTrue();
        assertThat(in.model()).isEmpty();
        assertThat(in.tokenType()).isEqualTo(TokenType.INPUT);
        assertThat(in.region()).contains("us-west-2");
        assertThat(UsageType.parse("USE1-MP:USE1_OutputTokenCount-Units").tokenType())
                .isEqualTo(TokenType.OUTPUT);
    }

    @Test
    void parse_otherGroups() {
        assertThat(UsageType.parse("USE1-Guardrail-ContentPolicyUnitsConsumed").group())
                .isEqualTo(UsageGroup.GUARDRAIL);
        assertThat(UsageType.parse("USE1-TitanEmbeddingsG1-Text-embedding-input-tokens")
                        .group())
                .isEqualTo(UsageGroup.EMBEDDING);
        assertThat(UsageType.parse("USE1-NovaLite-customization-training-tokens")
                        .group())
                .isEqualTo(UsageGroup.CUSTOMIZATION_TRAINING);
        assertThat(UsageType.parse("USE1-CustomModelImport-ModelUnits").group())
                .isEqualTo(UsageGroup.CUSTOM_MODEL_IMPORT);
    }

    @Test
    void parse_nonBedrock_hasNoModel() {
        UsageType ec2 = UsageType.parse("USE1-BoxUsage:t3.micro");
        assertThat(ec2.model()).isEmpty();
        assertThat(ec2.tokenType()).isEqualTo(TokenType.OTHER);
        assertThat(ec2.group()).isEqualTo(UsageGroup.NOT_BEDROCK);
        assertThat(UsageType.parse("TimedStorage-ByteHrs").model()).isEmpty();
        assertThat(UsageType.parse("EU-DataTransfer-Out-Bytes").region()).contains("eu-west-1");
        assertThat(UsageType.parse("").model()).isEmpty();
    }

    @Property
    void of_thenParse_roundTrips(
            @ForAll("regions") String region,
            @ForAll("models") String model,
            @ForAll("tokenTypes") TokenType tokenType,
            @ForAll("tiers") PricingModel tier,
            @ForAll boolean oneHour) {
        boolean hour = oneHour && tokenType == TokenType.CACHE_WRITE;
        UsageType t = UsageType.of(region, model, tokenType, tier, hour);
        assertThat(t.region()).contains(region);
        assertThat(t.model()).contains(model);
        assertThat(t.tokenType()).isEqualTo(tokenType);
        assertThat(t.pricingModel()).isEqualTo(tier);
        assertThat(t.oneHourCache()).isEqualTo(hour);
    }

    @Property
    void marketplaceOf_thenParse_roundTrips(
            @ForAll("regions") String region, @ForAll("tokenTypes") TokenType tokenType) {
        UsageType t = UsageType.marketplaceOf(region, tokenType);
        assertThat(t.marketplace()).isTrue();
        assertThat(t.region()).contains(region);
        assertThat(t.tokenType()).isEqualTo(tokenType);
    }

    @Provide
    Arbitrary<String> regions() {
        return Arbitraries.of(
                "us-east-1",
                "us-east-2",
                "us-west-2",
                "eu-west-1",
                "eu-central-1",
                "ap-northeast-1",
                "ap-south-1",
                "ca-central-1");
    }

    @Provide
    Arbitrary<String> models() {
        return Arbitraries.of(
                "Claude4.6Sonnet", "Claude4.5Haiku", "NovaLite", "NovaPro", "Llama3-70B-Instruct", "Claude4.1Opus");
    }

    @Provide
    Arbitrary<TokenType> tokenTypes() {
        return Arbitraries.of(TokenType.INPUT, TokenType.OUTPUT, TokenType.CACHE_READ, TokenType.CACHE_WRITE);
    }

    @Provide
    Arbitrary<PricingModel> tiers() {
        return Arbitraries.of(
                PricingModel.ON_DEMAND,
                PricingModel.BATCH,
                PricingModel.FLEX,
                PricingModel.PRIORITY,
                PricingModel.RESERVED,
                PricingModel.LATENCY_OPTIMIZED);
    }
}
