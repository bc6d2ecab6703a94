package dev.tally.core.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import dev.tally.core.usage.PricingModel;
import dev.tally.core.usage.TokenType;
import dev.tally.core.usage.UsageType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceCatalogTest {
    private final PriceCatalog catalog = PriceCatalog.builtIn();

    @Test
    void builtIn_isDatedAndNamesItsSource() {
        assertThat(catalog.asOf()).isNotNull();
        assertThat(catalog.source()).contains("Bedrock");
        assertThat(catalog.currency()).isEqualTo("USD");
    }

    @Test
    void canonicalModel_mapsIdsProfilesAndArns() {
        assertThat(catalog.canonicalModel("us.anthropic.claude-sonnet-4-6")).contains("Claude4.6Sonnet");
        assertThat(catalog.canonicalModel("global.anthropic.claude-sonnet-4-6")).contains("Claude4.6Sonnet");
        assertThat(catalog.canonicalModel("anthropic.claude-sonnet-4-5-20250929-v1:0"))
                .contains("Claude4.5Sonnet");
        assertThat(catalog.canonicalModel("anthropic.claude-sonnet-4-20250514-v1:0"))
                .contains("Claude4Sonnet");
        assertThat(
                        catalog.canonicalModel(
                                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-1-20250805-v1:0"))
                .contains("Claude4.1Opus");
        assertThat(catalog.canonicalModel("amazon.nova-lite-v1:0")).contains("NovaLite");
        assertThat(catalog.canonicalModel("Claude4.6Sonnet")).contains("Claude4.6Sonnet");
        assertThat(catalog.canonicalModel("meta.unknown-model")).isEmpty();
    }

    @Test
    void prices_matchTheListPrices() {
        assertThat(catalog.pricePerMillion("Claude4.6Sonnet", TokenType.INPUT, PricingModel.ON_DEMAND, false))
                .contains(new BigDecimal("3"));
        assertThat(catalog.pricePerMillion("Claude4.6Sonnet", TokenType.OUTPUT, PricingModel.ON_DEMAND, false))
                .contains(new BigDecimal("15"));
        assertThat(catalog.pricePerMillion("Claude4.6Sonnet", TokenType.CACHE_READ, PricingModel.ON_DEMAND, false))
                .contains(new BigDecimal("0.3"));
        assertThat(catalog.pricePerMillion("Claude4.6Sonnet", TokenType.CACHE_WRITE, PricingModel.ON_DEMAND, false))
                .contains(new BigDecimal("3.75"));
        assertThat(catalog.pricePerMillion("Claude4.6Sonnet", TokenType.CACHE_WRITE, PricingModel.ON_DEMAND, true))
                .contains(new BigDecimal("6"));
        assertThat(catalog.pricePerMillion("Claude4.6Sonnet", TokenType.INPUT, PricingModel.BATCH, false))
                .contains(new BigDecimal("1.5"));
        assertThat(catalog.pricePerMillion("NovaMicro", TokenType.OUTPUT, PricingModel.ON_DEMAND, false))
                .contains(new BigDecimal("0.14"));
        assertThat(catalog.pricePerMillion(UsageType.parse("USE1-Claude4.1Opus-output-tokens")))
                .contains(new BigDecimal("75"));
        assertThat(catalog.pricePerMillion("Claude4.6Sonnet", TokenType.OTHER, PricingModel.PROVISIONED, false))
                .isEmpty();
    }

    @Test
    void costOf_isExact() {
        assertThat(PriceCatalog.costOf(1234, new BigDecimal("3"))).isEqualByComparingTo("0.003702");
    }

    @Test
    void withOverrides_replacesAModelAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.txt");
        Files.writeString(file, "as-of 2026-12-01\nmodel Claude4.6Sonnet 2.5 12.5 anthropic.claude-sonnet-4-6\n");
        PriceCatalog overridden = PriceCatalog.withOverrides(file);
        assertThat(overridden.asOf()).hasToString("2026-12-01");
        assertThat(overridden.pricePerMillion("Claude4.6Sonnet", TokenType.INPUT, PricingModel.ON_DEMAND, false))
                .contains(new BigDecimal("2.5"));
        assertThat(overridden.pricePerMillion("NovaPro", TokenType.INPUT, PricingModel.ON_DEMAND, false))
                .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("0.8"));
    }

    @Test
    void withOverrides_badLine_namesFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.txt");
        Files.writeString(file, "# comment\nmodel Claude4.6Sonnet three 15\n");
        assertThatThrownBy(() -> PriceCatalog.withOverrides(file))
                .isInstanceOfSatisfying(
                        TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
                .hasMessageContaining("prices.txt:2")
                .hasMessageContaining("'three'");
        assertThatThrownBy(() -> PriceCatalog.withOverrides(dir.resolve("missing.txt")))
                .hasMessageContaining("cannot read price catalog");
    }
}
