package dev.tally.reconcile;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Metered cost of a day on or after the newest billed day that the bill does not hold yet: billing lag. */
public record ProvisionalDay(LocalDate day, BigDecimal meteredCost, BigDecimal notBilledYet) {
    public ProvisionalDay {
        requireNonNull(day, "day is null");
        requireNonNull(meteredCost, "meteredCost is null");
        requireNonNull(notBilledYet, "notBilledYet is null");
    }
}
