/** {@code tally budget} and {@code tally limits} for the gateway: through its admin API or in the ledger. */
@NullMarked
package dev.tally.cli.govern;

import org.jspecify.annotations.NullMarked;
