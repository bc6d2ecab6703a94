package dev.tally.report.query;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** One row of an engine's answer to a {@link FirstQuery}, read by column position. */
public interface ResultRow {
    /** The text at {@code column}, or null. */
    @Nullable
    String text(int column);

    /** The exact decimal at {@code column}, or null. */
    @Nullable
    BigDecimal decimal(int column);

    /** The count at {@code column}. */
    long count(int column);
}
