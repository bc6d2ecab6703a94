/** {@code tally keys}: API keys in the ledger or through the admin API. */
@NullMarked
package dev.tally.cli.keys;

import org.jspecify.annotations.NullMarked;
