/** Governance at the gateway: admission against budgets, usage limits and rate windows, and budget alerts. */
@NullMarked
package dev.tally.gateway.govern;

import org.jspecify.annotations.NullMarked;
