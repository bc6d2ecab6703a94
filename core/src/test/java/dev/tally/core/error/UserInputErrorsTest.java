package dev.tally.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tally.core.price.ModelPrice;
import dev.tally.core.principal.Principal;
import dev.tally.core.sts.SessionName;
import dev.tally.core.sts.SessionTag;
import dev.tally.core.usage.PricingModel;
import dev.tally.core.usage.TokenType;
import dev.tally.core.usage.UsageType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Core's parsers refuse user input with a TallyException whose kind says whose mistake it is, never a bare
 * IllegalArgumentException: a caller cannot forget to translate, and a bug can never read as a user mistake.
 */
class UserInputErrorsTest {
    @Test
    void parsers_refuseUserInputWithATallyException() {
        assertUsage(() -> TokenType.fromLabel("inptu"), "unknown token type 'inptu'");
        assertUsage(() -> Principal.parse("arn:aws:s3:::bucket"), "not an IAM principal ARN");
        assertUsage(
                () -> UsageType.of("mars-north-1", "Claude4.6Sonnet", TokenType.INPUT, PricingModel.ON_DEMAND, false),
                "no billing region code for region 'mars-north-1'");
        assertUsage(() -> SessionName.of("x"), "roleSessionName");
        assertUsage(() -> SessionTag.of("aws:project", "x"), "aws:");
    }

    @Test
    void priceCatalogValues_refuseNegativePricesAsBadData() {
        Throwable t = catchThrowable(() -> new ModelPrice("m", BigDecimal.ONE.negate(), BigDecimal.ONE, List.of()));
        assertThat(t)
                .isInstanceOfSatisfying(
                        TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_DATA));
    }

    private static void assertUsage(Runnable parse, String message) {
        Throwable t = catchThrowable(parse::run);
        assertThat(t)
                .isInstanceOfSatisfying(
                        TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
                .hasMessageContaining(message);
    }
}
