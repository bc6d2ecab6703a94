/** The ledger's versioned schema migrations, applied before a ledger opens. */
@NullMarked
package dev.tally.ledger.migrate;

import org.jspecify.annotations.NullMarked;
