/**
 * The gateway's durable store. The contract the gateway and the report build on:
 *
 * <ul>
 *   <li>{@code Ledger.open(location, syncMode)} opens or creates a ledger at a file path (SQLite, WAL) or a
 *       {@code jdbc:} URL, applying versioned schema migrations first.
 *   <li>{@code Ledger.record(UsageEvent)} returns a future that completes once the event is committed: one
 *       writer thread, group commit. The gateway sends a response's last bytes only after it completes.
 *   <li>{@code Ledger.keys()}: create (returns the plain key once; only a hash is stored), find by presented
 *       key, list, revoke.
 *   <li>{@code Ledger.events(from, to)}: the usage events in a time range, for {@code tally report --ledger}.
 * </ul>
 */
@NullMarked
package dev.tally.ledger;

import org.jspecify.annotations.NullMarked;
