package dev.tally.ledger.sql;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import dev.tally.ledger.Charge;
import dev.tally.ledger.UsageEvent;
import dev.tally.ledger.govern.SqlLeases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Writes usage events, one transaction at a time on one connection: group commit. Whoever writes takes whatever
 * is queued (up to {@link #MAX_BATCH}), writes it in one transaction, commits, and only then completes the batch's
 * futures. A commit costs the same for one event as for thousands (one log append, and with FULL one fsync), so
 * under load batches grow and the cost per event falls, while a lone event is committed at once, never held back
 * for a timer.
 *
 * <p>On SQLite the thread that submits an event commits it itself: at once when no other write is under way (a lone
 * request then costs no thread hand-off at all), else as soon as the write under way lets go, taking everything
 * queued by then in one transaction. Handing a waiting event to the writer thread instead cost two wake-ups (the
 * writer's, then the caller's), each a scheduling delay on a loaded machine, against one here (bench/gateway's
 * commit stage, docs/benchmarks.md). SQLite's WAL
 * checkpoints (which copy the log into the database and, with either sync, fsync) run on a thread of their own,
 * so no commit waits behind one. A PostgreSQL commit is a network round trip, and an interrupt closes a virtual
 * thread's socket: there the writer thread does every write.
 *
 * <p>On PostgreSQL the writer also lingers ({@link Linger}): while events arrive faster than the linger, it holds a
 * batch for the next one, up to the linger after the oldest was queued. Without it, requests spread evenly in time
 * (the way many clients' requests arrive) each found the writer idle and cost a round trip of their own: 1.03-1.06
 * statements per request at 500 requests/s per replica (bench/govern, docs/benchmarks.md). A lone event, or events
 * further apart than the linger, are still written at once.
 */
final class LedgerWriter implements AutoCloseable {
    static final int QUEUE_CAPACITY = 65_536;
    static final int MAX_BATCH = 4_096;
    /** Attempts at a PostgreSQL batch that PostgreSQL aborted to break a deadlock. */
    private static final int MAX_ATTEMPTS = 3;
    /** How often chores (key last-used times) are written when nothing else is. */
    private static final long CHORE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How often SQLite's log is checkpointed into the database, when anything was committed since. */
    private static final long CHECKPOINT_INTERVAL_MILLIS = 200;

    /**
     * An event, its future, the thread that submitted it (woken when it is committed, or to write next), and when it
     * was queued ({@link System#nanoTime}).
     */
    private record Pending(
            UsageEvent event, List<Charge> charges, CompletableFuture<Void> done, Thread caller, long queuedNanos) {
        void committed() {
            done.complete(null);
            LockSupport.unpark(caller);
        }

        void failed(Throwable why) {
            done.completeExceptionally(why);
            LockSupport.unpark(caller);
        }
    }

    /** A waiting caller looks again at least this often, whoever forgot to wake it. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Work written in the writer's transaction at most once per interval. */
    interface Chore {
        boolean pending();

        void write(Connection connection) throws SQLException;
    }

    private final ConnectionPool connections;
    private final Connection connection;
    /** Prepared once: SQLite compiles a statement on prepare, which is a large share of a small batch. */
    private @Nullable PreparedStatement insert;
    /** PostgreSQL's one-statement batch (prepared on first use). */
    private final PostgresEventBatch postgresBatch;

    private final Chore chore;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    /** Held by whoever writes: the writer thread or a submitting one. Guards the connection and the fields below. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Whether submitting threads commit their own events (SQLite) or leave every write to the writer thread. */
    private final boolean callersWrite;

    private final Thread thread;
    private final @Nullable Checkpoints checkpoints;
    /** The PostgreSQL writer's linger: used by whoever writes, which on PostgreSQL is only the writer thread. */
    private final Linger linger;

    private volatile boolean closing;
    private volatile boolean lastWriteFailed;
    private boolean closed;
    private long lastChoreNanos = System.nanoTime();

    /**
     * @param linger how long the writer may hold a PostgreSQL batch for more events ({@link Linger}); zero writes each
     *     batch at once. SQLite ignores it: its commit is a local write, with no round trip to save.
     */
    LedgerWriter(ConnectionPool connections, Duration linger, Chore chore) {
        this.connections = requireNonNull(connections, "connections is null");
        this.chore = requireNonNull(chore, "chore is null");
        this.connection = connections.open();
        this.callersWrite = connections.dialect() == Dialect.SQLITE;
        this.linger = new Linger(callersWrite ? Duration.ZERO : requireNonNull(linger, "linger is null"));
        this.checkpoints = callersWrite ? Checkpoints.start(connections, connection, this::holdingWrites) : null;
        this.postgresBatch = new PostgresEventBatch(connection);
        this.thread = Thread.ofPlatform().name("tally-ledger-writer").daemon().start(this::run);
    }

    CompletableFuture<Void> submit(UsageEvent event, List<Charge> charges) {
        requireNonNull(event, "event is null");
        requireNonNull(charges, "charges is null");
        if (closing) {
            return closed();
        }
        Pending p = new Pending(
                event, List.copyOf(charges), new CompletableFuture<>(), Thread.currentThread(), System.nanoTime());
        try {
            // Blocks while the queue is full: callers slow to the rate the store takes.
            while (!queue.offer(p, 100, TimeUnit.MILLISECONDS)) {
                if (closing || !thread.isAlive()) {
                    return closed();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        // close() may have begun after the check above; if the writer has not taken the event, it never will.
        if (closing && queue.remove(p)) {
            return closed();
        }
        if (callersWrite) {
            writeUntilDone(p);
        } else {
            LockSupport.unpark(thread);
        }
        return p.done;
    }

    /**
     * Writes the queue on this thread until {@code p} is committed. When a write is under way this thread sleeps
     * until either {@code p} is committed (by that write, or a later one) or the writer lets go with events still
     * queued and wakes the oldest one's caller to write them all ({@link #release}): group commit forms among the
     * waiting callers, each woken once, and none wakes just to find its event written. A caller interrupted while
     * waiting leaves {@code p} to the writer thread.
     */
    private void writeUntilDone(Pending p) {
        while (!p.done.isDone()) {
            if (writing.tryLock()) {
                try {
                    writeQueued();
                } finally {
                    release();
                }
            } else {
                LockSupport.parkNanos(p, PARK_NANOS);
                if (Thread.currentThread().isInterrupted()) {
                    LockSupport.unpark(thread);
                    return;
                }
            }
        }
    }

    /** Runs {@code work} holding {@link #writing}, waiting for a write under way, then {@link #release}s it. */
    private void holdingWrites(Runnable work) {
        writing.lock();
        try {
            work.run();
        } finally {
            release();
        }
    }

    /** Lets go of {@link #writing} and wakes the caller of the oldest queued event, if any, to write next. */
    private void release() {
        writing.unlock();
        Pending next = queue.peek();
        if (next != null) {
            LockSupport.unpark(next.caller());
        }
    }

    /** One batch from the queue (and the chores when due); the caller holds {@link #writing}. */
    private void writeQueued() {
        List<Pending> batch = new ArrayList<>(Math.min(queue.size() + 1, MAX_BATCH));
        queue.drainTo(batch, MAX_BATCH);
        batch.forEach(p -> linger.arrived(p.queuedNanos()));
        if (closed) {
            batch.forEach(p -> p.failed(closedFailure()));
            return;
        }
        boolean choreDue = System.nanoTime() - lastChoreNanos >= CHORE_INTERVAL_NANOS;
        if (!batch.isEmpty() || (choreDue && chore.pending())) {
            write(batch, choreDue);
            if (checkpoints != null) {
                checkpoints.committed();
            }
        }
    }

    boolean writable() {
        return thread.isAlive() && !closing && !lastWriteFailed;
    }

    private CompletableFuture<Void> closed() {
        return CompletableFuture.failedFuture(closedFailure());
    }

    private TallyException closedFailure() {
        return TallyException.failure(
                "ledger " + connections.location().display() + " is closed: the event was not recorded", null);
    }

    /**
     * The writer thread: writes while anything is queued, and the chores once a second. Woken by a submitting
     * thread that left events queued (never by a queue that a caller emptied itself); {@code park} is released by an
     * {@code unpark} that came before it, so no wake-up is lost.
     */
    private void run() {
        while (!closing) {
            LockSupport.parkNanos(this, CHORE_INTERVAL_NANOS);
            do {
                linger.forMore();
                holdingWrites(this::writeQueued);
            } while (!queue.isEmpty() && !closing);
        }
    }

    private void write(List<Pending> batch, boolean withChore) {
        Dialect dialect = connections.dialect();
        try {
            if (dialect == Dialect.POSTGRESQL) {
                writeAtOnce(batch);
            } else {
                writeInTransaction(dialect, batch);
            }
            if (withChore) {
                writeChore(dialect);
            }
            lastWriteFailed = false;
        } catch (SQLException | RuntimeException e) {
            dialect.rollbackQuietly(connection);
            lastWriteFailed = true;
            // Their state after a failure is unknown: prepared again for the next batch.
            if (insert != null) {
                ConnectionPool.closeQuietly(insert);
                insert = null;
            }
            postgresBatch.reset();
            TallyException failure = TallyException.failure(
                    "ledger " + connections.location().display() + ": cannot record " + batch.size() + " usage events: "
                            + OneLine.of(e.getMessage()),
                    e);
            batch.forEach(p -> p.failed(failure));
            return;
        }
        batch.forEach(Pending::committed);
    }

    /** SQLite: the events, then their charges, in one write transaction. */
    private void writeInTransaction(Dialect dialect, List<Pending> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        dialect.beginWrite(connection);
        if (insert == null) {
            insert = connection.prepareStatement(EventRows.INSERT);
        }
        for (Pending p : batch) {
            EventRows.bind(insert, p.event());
            insert.addBatch();
        }
        insert.executeBatch();
        SqlLeases.writeCharges(connection, charges(batch));
        dialect.commit(connection);
    }

    /**
     * PostgreSQL: one statement, one round trip ({@link PostgresEventBatch}). Its row locks are taken without the
     * advisory lock, so two replicas' writers can, rarely, deadlock on a lease row being renewed; PostgreSQL then
     * aborts one statement whole, and it is simply sent again.
     */
    private void writeAtOnce(List<Pending> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        List<UsageEvent> events = new ArrayList<>(batch.size());
        batch.forEach(p -> events.add(p.event()));
        List<Charge> charges = charges(batch);
        for (int attempt = 1; ; attempt++) {
            try {
                postgresBatch.write(events, charges);
                return;
            } catch (SQLException e) {
                boolean retryable = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                if (!retryable || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Chores (key last-used times) are monotone updates, written in a transaction of their own. */
    private void writeChore(Dialect dialect) throws SQLException {
        if (chore.pending()) {
            dialect.inWriteTransaction(connection, c -> {
                chore.write(c);
                return null;
            });
        }
        lastChoreNanos = System.nanoTime();
    }

    private static List<Charge> charges(List<Pending> batch) {
        List<Charge> charges = new ArrayList<>();
        batch.forEach(p -> charges.addAll(p.charges()));
        return charges;
    }

    /** Takes no more events, writes every queued one, and closes the writer's connection. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writing.lock();
        try {
            // Every event queued before closing was set, and the chores: submit() takes back (and fails) any event
            // that came after.
            lastChoreNanos = System.nanoTime() - CHORE_INTERVAL_NANOS;
            do {
                writeQueued();
            } while (!queue.isEmpty() && !lastWriteFailed);
            closed = true;
            queue.forEach(p -> p.failed(closedFailure()));
            queue.clear();
        } finally {
            writing.unlock();
            if (checkpoints != null) {
                checkpoints.close();
            }
            if (insert != null) {
                ConnectionPool.closeQuietly(insert);
            }
            postgresBatch.close();
            ConnectionPool.closeQuietly(connection);
        }
    }

    /**
     * How long the PostgreSQL writer holds a batch for more events: a commit is a network round trip however many
     * events it carries, and a request waits for its event's commit, so each event held saves a round trip and costs
     * the events already queued the wait. The writer waits for a next event only while one is due before the
     * deadline (the linger after the oldest queued event was queued): when the average gap between arrivals (a
     * moving average over about the last eight) is no longer than the time left, and the oldest itself came within a
     * linger of the one before. So a lone event, or events further apart than the linger, are written at once, as
     * without a linger, and no event waits longer than the linger.
     * Kafka's producer has the same setting by the same name; PostgreSQL's {@code commit_delay} is its server-side
     * kin, which does not save the round trip.
     */
    private final class Linger {
        /** No gap counts as longer: an idle minute must not take minutes of arrivals to forget. */
        private static final long MAX_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);

        private final long lingerNanos;
        private long averageGapNanos = MAX_GAP_NANOS;
        private long lastArrivalNanos;
        private boolean any;

        Linger(Duration linger) {
            this.lingerNanos = linger.toNanos();
        }

        /**
         * Counts an event into the average gap; events in the order they were drained (a caller stamped just before
         * another may be queued just after it: a gap of zero). Times are compared by difference, as nanoTime's may
         * be negative.
         */
        void arrived(long queuedNanos) {
            if (lingerNanos == 0) {
                return; // SQLite, or no linger: nothing reads the average
            }
            if (!any) {
                any = true;
                lastArrivalNanos = queuedNanos;
                return;
            }
            long gap = queuedNanos - lastArrivalNanos;
            averageGapNanos += (Math.clamp(gap, 0, MAX_GAP_NANOS) - averageGapNanos) / 8;
            if (gap > 0) {
                lastArrivalNanos = queuedNanos;
            }
        }

        /**
         * Waits while a next event is due before the deadline; each submit wakes the writer to look again. Returns
         * at once when nothing is queued, the batch is full, or the writer closes.
         */
        void forMore() {
            if (lingerNanos == 0) {
                return;
            }
            Pending oldest = queue.peek();
            if (oldest == null) {
                return;
            }
            // An event that came after more than a linger of nothing is written at once, whatever the average says.
            if (!any || oldest.queuedNanos() - lastArrivalNanos > lingerNanos) {
                return;
            }
            long deadline = oldest.queuedNanos() + lingerNanos;
            while (!closing && queue.size() < MAX_BATCH) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || averageGapNanos > left) {
                    return;
                }
                LockSupport.parkNanos(this, left);
            }
        }
    }

    /**
     * SQLite's WAL checkpoints, off the commit path: the writer's connection never checkpoints on its own (SQLite
     * would do it inside whichever commit crossed 1,000 log pages, an fsync that every request queued behind it
     * waited for, up to tens of milliseconds here); this thread checkpoints PASSIVE (never blocking a writer) on its
     * own connection every {@link #CHECKPOINT_INTERVAL_MILLIS} ms after a commit. Durability is SQLite's either way:
     * a commit is in the log, which with NORMAL is synced at the checkpoint and with FULL at every commit.
     *
     * <p>SQLite rewinds the log (the next commit writes at its start again) only when a commit begins with the whole
     * log copied. A PASSIVE checkpoint copies what was in the log when it began, and under steady commits a few
     * always arrive while it runs (its fsyncs take a while): alone, it never leaves the log whole, and the log grows
     * by every commit (about 12 KiB each; 128 MiB every 10 s at 1,000 requests per second). So this thread follows
     * it with a second PASSIVE checkpoint holding {@link #writing}, which copies what came meanwhile: a pause of a
     * commit or two's pages and two fsyncs (or none, when nothing came), after which the next commit rewinds the
     * log, and the log stays near what 200 ms of commits write. (Before, only a TRUNCATE under the lock emptied it,
     * each time it passed 128 MiB: a pause of 10-40 ms every 10 s at 1,000 requests per second, most of the
     * gateway's p99.9; bench/gateway.)
     *
     * <p>A reader of an older snapshot (a report reading the ledger) keeps both checkpoints from copying what it
     * may still read, and then the log grows. Once it holds more than {@link Checkpoints#LOG_LIMIT_PAGES} pages this
     * thread checkpoints TRUNCATE instead, holding {@link #writing} (so it neither waits on SQLite's busy handler
     * for a gap between callers' commits, which back-to-back callers never leave, nor lets one in): it waits up to
     * {@link Checkpoints#TRUNCATE_WAIT_MS} ms for the readers, copies the rest of the log and empties it.
     */
    private static final class Checkpoints implements AutoCloseable {
        /** About 128 MiB of log at SQLite's 4 KiB pages. */
        static final int LOG_LIMIT_PAGES = 32_768;
        /** How long a TRUNCATE waits for readers before it gives up until the next check. */
        static final int TRUNCATE_WAIT_MS = 100;

        private final Connection connection;
        /** Runs work with every commit held off ({@link LedgerWriter#holdingWrites}). */
        private final Consumer<Runnable> holdingWrites;

        private final Thread thread;
        private volatile boolean dirty;
        private volatile boolean closing;

        private Checkpoints(Connection connection, Consumer<Runnable> holdingWrites) {
            this.connection = connection;
            this.holdingWrites = holdingWrites;
            this.thread =
                    Thread.ofPlatform().name("tally-ledger-checkpoint").daemon().start(this::run);
        }

        static Checkpoints start(ConnectionPool connections, Connection writer, Consumer<Runnable> holdingWrites) {
            try (var s = writer.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint=0");
            } catch (SQLException e) {
                throw connections.failure("cannot configure its writer", e);
            }
            Connection own = connections.open();
            try (var s = own.createStatement()) {
                // TRUNCATE waits for readers of older snapshots (a report reading the ledger) while every commit
                // waits for it: it gives up after this long instead, and the next check tries again.
                s.execute("PRAGMA busy_timeout=" + TRUNCATE_WAIT_MS);
            } catch (SQLException e) {
                ConnectionPool.closeQuietly(own);
                throw connections.failure("cannot configure its checkpoints", e);
            }
            return new Checkpoints(own, holdingWrites);
        }

        void committed() {
            dirty = true;
        }

        private void run() {
            while (!closing) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(CHECKPOINT_INTERVAL_MILLIS));
                if (dirty && !closing) {
                    dirty = false;
                    // The second copies only what was committed while the first ran (nothing, often: then it is
                    // over at once, without an fsync).
                    boolean overLimit = checkpoint("PASSIVE") > LOG_LIMIT_PAGES;
                    holdingWrites.accept(() -> checkpoint(overLimit ? "TRUNCATE" : "PASSIVE"));
                }
            }
        }

        /** The pages in the log before this checkpoint (0 when it could not run). */
        private long checkpoint(String mode) {
            try (var s = connection.createStatement();
                    var result = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
                return result.next() ? result.getLong(2) : 0;
            } catch (SQLException e) {
                // Busy or failing: the log grows until the next attempt; commits are unaffected either way.
                return 0;
            }
        }

        @Override
        public void close() {
            closing = true;
            LockSupport.unpark(thread);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ConnectionPool.closeQuietly(connection);
        }
    }
}
