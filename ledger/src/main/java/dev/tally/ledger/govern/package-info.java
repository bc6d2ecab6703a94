/** Governance state in the ledger's tables: budgets, usage limits and the leases that hold room against them. */
@NullMarked
package dev.tally.ledger.govern;

import org.jspecify.annotations.NullMarked;
