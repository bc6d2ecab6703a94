/**
 * The gateway's durable store. The contract the gateway and the report build on:
 *
 * <ul>
 *   <li>{@link dev.tally.ledger.Ledger#open(String, dev.tally.ledger.SyncMode)} opens or creates a ledger at a
 *       file path or {@code jdbc:sqlite:} URL (SQLite in WAL mode), applying versioned schema migrations first;
 *       {@code jdbc:postgresql:} is refused with a one-line usage error until the governance issue adds it.
 *       Open one per process and location, and close it on shutdown (close commits everything queued).
 *   <li>{@link dev.tally.ledger.Ledger#record(dev.tally.ledger.UsageEvent)} returns a future that completes
 *       once the event is committed: one writer thread, group commit (each transaction takes everything
 *       queued, up to 4,096 events), a bounded queue (65,536) that blocks callers when full. The gateway sends
 *       a response's last bytes only after the future completes; join it from the request's (virtual) thread,
 *       since futures complete on the writer thread. Recording is idempotent by event id.
 *   <li>Durability ({@link dev.tally.ledger.SyncMode}): {@code NORMAL} — a completed future survives a killed
 *       process (SIGKILL, OOM kill, crash); {@code FULL} — it also survives power loss and an OS crash.
 *   <li>{@link dev.tally.ledger.Ledger#keys()}: {@code create} (returns the plain key once; only its SHA-256 is
 *       stored), {@code find} by presented key (returns revoked and expired keys too: check
 *       {@link dev.tally.ledger.ApiKey#usableAt}), {@code list}, {@code revoke}, {@code touch} (last used,
 *       written by the writer at most once a second).
 *   <li>Seeing revocations within a second: {@code find} reads the store on every call (an indexed lookup), so
 *       a gateway that calls it per request sees a revocation at once. A gateway that caches keys polls
 *       {@link dev.tally.ledger.Keys#revision()} (one single-row read; every create and revoke, from any
 *       process, changes it) every 250 ms or so and drops its cache when the number changes.
 *   <li>{@link dev.tally.ledger.Ledger#events(java.time.Instant, java.time.Instant)}: the usage events in a
 *       time range, oldest first, as a stream to close; for {@code tally report --ledger}.
 *   <li>Errors are {@link dev.tally.core.error.TallyException}s with one-line messages that never hold a key.
 * </ul>
 */
@NullMarked
package dev.tally.ledger;

import org.jspecify.annotations.NullMarked;
