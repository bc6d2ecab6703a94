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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that writes usage events: group commit. It takes whatever is queued (up to
 * {@link #MAX_BATCH}), writes it in one transaction, commits, and only then completes the batch's futures. A
 * commit costs the same for one event as for thousands (one log append, and with FULL one fsync), so under
 * load batches grow and the cost per event falls, while a lone event is committed at once, never held back
 * for a timer.
 */
final class LedgerWriter implements AutoCloseable {
    static final int QUEUE_CAPACITY = 65_536;
    static final int MAX_BATCH = 4_096;
    /** Attempts at a PostgreSQL batch that PostgreSQL aborted to break a deadlock. */
    private static final int MAX_ATTEMPTS = 3;
    /** How often chores (key last-used times) are written when nothing else is. */
    private static final long CHORE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Pending STOP = new Pending(null, List.of(), null);

    private record Pending(UsageEvent event, List<Charge> charges, CompletableFuture<Void> done) {}

    /** Work written in the writer's transaction at most once per interval. */
    interface Chore {
        boolean pending();

        void write(Connection connection) throws SQLException;
    }

    private final ConnectionPool connections;
    private final Connection connection;
    /** Prepared once: SQLite compiles a statement on prepare, which is a large share of a small batch. */
    private PreparedStatement insert;
    /** PostgreSQL's one-statement batch (prepared on first use). */
    private final PostgresEventBatch postgresBatch;

    private final Chore chore;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean lastWriteFailed;
    private long lastChoreNanos = System.nanoTime();

    LedgerWriter(ConnectionPool connections, Chore chore) {
        this.connections = requireNonNull(connections, "connections is null");
        this.chore = requireNonNull(chore, "chore is null");
        this.connection = connections.open();
        this.postgresBatch = new PostgresEventBatch(connection);
        this.thread = Thread.ofPlatform().name("tally-ledger-writer").daemon().start(this::run);
    }

    CompletableFuture<Void> submit(UsageEvent event, List<Charge> charges) {
        requireNonNull(event, "event is null");
        requireNonNull(charges, "charges is null");
        if (closing) {
            return closed();
        }
        Pending p = new Pending(event, List.copyOf(charges), new CompletableFuture<>());
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
        return p.done;
    }

    boolean writable() {
        return thread.isAlive() && !closing && !lastWriteFailed;
    }

    private CompletableFuture<Void> closed() {
        return CompletableFuture.failedFuture(TallyException.failure(
                "ledger " + connections.location().display() + " is closed: the event was not recorded", null));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (true) {
            try {
                Pending first = stopping ? queue.poll() : queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                }
            } catch (InterruptedException e) {
                // Only close() could interrupt, and it asks with STOP instead: keep draining.
            }
            if (batch.remove(STOP)) {
                stopping = true;
            }
            boolean choreDue = System.nanoTime() - lastChoreNanos >= CHORE_INTERVAL_NANOS || stopping;
            if (!batch.isEmpty() || (choreDue && chore.pending())) {
                write(batch, choreDue);
                batch.clear();
            } else if (stopping) {
                return;
            }
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
            batch.forEach(p -> p.done().completeExceptionally(failure));
            return;
        }
        batch.forEach(p -> p.done().complete(null));
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
        try {
            queue.put(STOP);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (insert != null) {
                ConnectionPool.closeQuietly(insert);
            }
            postgresBatch.close();
            ConnectionPool.closeQuietly(connection);
        }
    }
}
