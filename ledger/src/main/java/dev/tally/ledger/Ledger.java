package dev.tally.ledger;

import dev.tally.ledger.sql.LedgerLocation;
import dev.tally.ledger.sql.SqlLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The gateway's durable store: usage events and keys (budgets, limits and leases later). Thread-safe; one per
 * process and location. See the package documentation for the guarantees.
 */
public interface Ledger extends AutoCloseable {
    /**
     * The PostgreSQL writer's default linger: events 3 ms or less apart (333 a second and more) share commits, and
     * none waits longer than that; against a model call of a second or more it is noise (docs/benchmarks.md,
     * Governance).
     */
    Duration DEFAULT_LINGER = Duration.ofMillis(3);

    /**
     * Opens (creating if needed) the ledger at a file path or {@code jdbc:sqlite:} URL and brings its schema up
     * to date. {@code jdbc:postgresql:} is recognised and refused for now (the governance issue adds it).
     *
     * @throws dev.tally.core.error.TallyException USAGE for a location Tally cannot use, BAD_DATA for a ledger
     *     whose schema is newer than this Tally, FAILURE when the store cannot be opened or written
     */
    static Ledger open(String pathOrJdbcUrl, SyncMode sync) {
        return open(pathOrJdbcUrl, sync, DEFAULT_LINGER, Clock.systemUTC());
    }

    /**
     * As {@link #open(String, SyncMode)}, with how long a PostgreSQL ledger's writer may hold a commit for more
     * events while they arrive faster than that (a commit there is a network round trip, however many events it
     * carries; zero commits each batch at once; SQLite, whose commit is a local write, ignores it), and the clock
     * that stamps keys' creation (the gateway's --clock).
     */
    static Ledger open(String pathOrJdbcUrl, SyncMode sync, Duration linger, Clock clock) {
        return SqlLedger.open(LedgerLocation.parse(pathOrJdbcUrl), sync, linger, clock);
    }

    /**
     * Whether a ledger is already at this location (a SQLite file exists; a server database is taken to). For
     * commands that only read: {@link #open} creates the file.
     *
     * @throws dev.tally.core.error.TallyException USAGE for a location Tally cannot use
     */
    static boolean exists(String pathOrJdbcUrl) {
        return LedgerLocation.parse(pathOrJdbcUrl).exists();
    }

    /**
     * Removes a SQLite ledger that this process has just created, found not to exist before, and closed: for a
     * command whose change was refused, so that a mistake leaves no new, empty ledger behind. A server database is
     * left alone.
     */
    static void discardNew(String pathOrJdbcUrl) {
        LedgerLocation.parse(pathOrJdbcUrl).discard();
    }

    /**
     * Queues an event for the writer. The future completes once the event's transaction has committed (with the
     * durability of the ledger's {@link SyncMode}), or exceptionally with a {@code TallyException} if it could
     * not be written. Blocks the caller while the queue is full (backpressure). An event whose id is already
     * stored is not stored again and its future completes normally: recording is idempotent by id.
     *
     * <p>Futures complete on the writer thread: join them, or attach work with the {@code *Async} methods, so
     * the writer never runs a caller's code.
     */
    CompletableFuture<Void> record(UsageEvent event);

    /**
     * As {@link #record(UsageEvent)}, with what the event spent against budget counters, written in the same
     * transaction: a budget's spend is exactly that of its committed events.
     */
    CompletableFuture<Void> record(UsageEvent event, List<Charge> charges);

    /** The gateway's keys. */
    Keys keys();

    /** Budgets per user, team, tenant, project or key. */
    Budgets budgets();

    /** Rate limits and model access per key, user or team. */
    UsageLimits limits();

    /** The slices of budgets and rates that gateway replicas hold. */
    Leases leases();

    /**
     * The events with {@code from <= time < to}, oldest first, read lazily. The stream holds a connection:
     * close it (try-with-resources). Times come back at microsecond precision.
     */
    Stream<UsageEvent> events(Instant from, Instant to);

    /** Whether the last write succeeded and the writer is running: for the gateway's {@code /readyz}. */
    boolean writable();

    /** Where the ledger is, for messages (a path or URL, never a password). */
    String location();

    /** Stops taking events, commits every queued one, and closes the store. */
    @Override
    void close();
}
