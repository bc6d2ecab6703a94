package dev.tally.core.price;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import java.math.BigDecimal;
import java.util.List;

/** On-demand list prices of one model, per million input and output tokens, and the ids that name it. */
public record ModelPrice(String model, BigDecimal inputPerMillion, BigDecimal outputPerMillion, List<String> ids) {
    public ModelPrice {
        requireNonNull(model, "model is null");
        requireNonNull(inputPerMillion, "inputPerMillion is null");
        requireNonNull(outputPerMillion, "outputPerMillion is null");
        ids = List.copyOf(requireNonNull(ids, "ids is null"));
        if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
            throw TallyException.badData("price of " + model + " is negative");
        }
    }
}
