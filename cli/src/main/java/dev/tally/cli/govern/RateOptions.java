package dev.tally.cli.govern;

import dev.tally.core.error.TallyException;
import dev.tally.core.io.JsonWriter;
import dev.tally.ledger.PerMinute;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --rpm} and {@code --tpm}: the rates of a usage limit, for {@code tally limits set} and {@code tally keys create}. */
public final class RateOptions {
    @Option(names = "--rpm", paramLabel = "N", description = "Requests per minute (in any 60 seconds).")
    @Nullable
    String rpm;

    @Option(
            names = "--tpm",
            paramLabel = "N",
            description = "Tokens per minute (input and output; a request counts its worst case until it ends).")
    @Nullable
    String tpm;

    /** The rates given, checked. */
    public PerMinute rates() {
        PerMinute rates = PerMinute.NONE;
        if (rpm != null) {
            rates = rates.withRequests(perMinute("--rpm", rpm));
        }
        if (tpm != null) {
            rates = rates.withTokens(perMinute("--tpm", tpm));
        }
        return rates;
    }

    /** The rates as the admin API's limit fields ({@code requests_per_minute}, {@code tokens_per_minute}). */
    public void writeTo(JsonWriter body) {
        PerMinute rates = rates();
        rates.requests().ifPresent(n -> body.name("requests_per_minute").value(n));
        rates.tokens().ifPresent(n -> body.name("tokens_per_minute").value(n));
    }

    private static long perMinute(String option, String value) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw TallyException.usage(option + " '" + value + "' is not a whole number of at least 1");
    }
}
