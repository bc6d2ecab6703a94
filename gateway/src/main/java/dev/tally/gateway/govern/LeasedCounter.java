package dev.tally.gateway.govern;

import dev.tally.ledger.Leases;
import java.time.Instant;
import java.util.List;

/**
 * This replica's slice of one shared counter (a budget's period, a minute's requests or tokens): admissions come
 * out of the slice in memory; only when it runs short does the replica take more from the store, and what it does
 * not use goes back when it falls idle. The slice is the lease's amount in the store less what this replica has
 * reserved; the store's amount shrinks as usage events commit their charges.
 */
final class LeasedCounter {
    final String counter;
    /** Counters that share the capacity with this one (a rate window's earlier slots); empty for budgets. */
    private final List<String> sharing;

    private volatile long capacity;
    private long free;
    private volatile long lastUseNanos = System.nanoTime();

    LeasedCounter(String counter, List<String> sharing, long capacity) {
        this.counter = counter;
        this.sharing = List.copyOf(sharing);
        this.capacity = capacity;
    }

    void capacity(long capacity) {
        this.capacity = capacity;
    }

    long capacity() {
        return capacity;
    }

    /**
     * Reserves {@code amount}, from the slice or, when it is short, from the store (taking {@code chunk} or what
     * is needed, whichever is more, so that the next requests need no round trip).
     *
     * @return false when neither has room
     */
    synchronized boolean reserve(long amount, long chunk, Leases leases, String holder, Instant expires) {
        lastUseNanos = System.nanoTime();
        if (free >= amount) {
            free -= amount;
            return true;
        }
        long need = amount - free;
        long got = leases.take(holder, counter, sharing, capacity, Math.max(need, chunk), need, expires);
        if (got < need) {
            return false;
        }
        free += got - amount;
        return true;
    }

    /** Returns part of a reservation to the slice (negative when a request cost more than it reserved). */
    synchronized void refund(long amount) {
        free += amount;
    }

    /** Empties the slice and says how much it held, to give back to the store. */
    synchronized long drain() {
        long f = Math.max(0, free);
        free = Math.min(0, free);
        return f;
    }

    synchronized long free() {
        return free;
    }

    boolean idleFor(long nanos) {
        return System.nanoTime() - lastUseNanos > nanos;
    }
}
