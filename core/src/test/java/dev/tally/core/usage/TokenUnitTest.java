package dev.tally.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TokenUnitTest {
    @Test
    void tokensPerUnit_followsThePricingUnit() {
        UsageType input = UsageType.parse("USE1-Claude4.6Sonnet-input-tokens");
        assertThat(TokenUnit.tokensPerUnit("1K tokens", input)).contains(BigDecimal.valueOf(1000));
        assertThat(TokenUnit.tokensPerUnit("1M tokens", input)).contains(BigDecimal.valueOf(1_000_000));
        assertThat(TokenUnit.tokensPerUnit("Units", UsageType.parse("USW2-MP:USW2_InputTokenCount-Units")))
                .contains(BigDecimal.valueOf(1_000_000));
    }

    @Test
    void tokensPerUnit_isEmptyForModelUnitsAndNonTokens() {
        assertThat(TokenUnit.tokensPerUnit(
                        "Hours", UsageType.parse("USE1-Claude4.6Sonnet-ProvisionedThroughput-ModelUnits")))
                .isEmpty();
        assertThat(TokenUnit.tokensPerUnit("Hrs", UsageType.parse("USE1-BoxUsage:t3.micro")))
                .isEmpty();
        assertThat(TokenUnit.tokensPerUnit("Units", UsageType.parse("USE1-Claude4.6Sonnet-input-tokens")))
                .isEmpty();
    }
}
