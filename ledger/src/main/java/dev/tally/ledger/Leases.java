package dev.tally.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Slices of shared counters held by gateway replicas, so that each replica can admit requests from memory and
 * touch the store only to take or give back a slice. A counter has a capacity (a budget's limit, a minute's rate);
 * its free room is {@code capacity - used - (unexpired leases)}. Taking a slice never lets used plus leased pass
 * the capacity, whatever the number of replicas; a lease whose holder stops renewing it expires and its room is
 * free again. Every method is one short write transaction.
 */
public interface Leases {

    /**
     * Takes up to {@code want} of the counter's free room into {@code holder}'s lease (added to what it holds),
     * but nothing at all if less than {@code atLeast} is free. Sets the lease's expiry.
     *
     * @return what was taken: 0, or between {@code atLeast} and {@code want}
     */
    long take(String holder, String counter, long capacity, long want, long atLeast, Instant expires);

    /**
     * As {@link #take(String, String, long, long, long, Instant)}, but the capacity is shared with other counters:
     * the free room is {@code capacity} less the used and unexpired leased amounts of {@code counter} and of every
     * counter in {@code sharing} (a sliding window's earlier slots). The lease is taken on {@code counter}.
     */
    long take(
            String holder,
            String counter,
            Collection<String> sharing,
            long capacity,
            long want,
            long atLeast,
            Instant expires);

    /** Gives {@code amount} of {@code holder}'s lease back (no more than it holds). */
    void giveBack(String holder, String counter, long amount);

    /**
     * Extends every lease of {@code holder} to {@code expires}, and deletes expired leases of anyone.
     *
     * @return the counters on which the holder still has a lease (a lease that expired before its renewal is gone)
     */
    java.util.Set<String> renew(String holder, Instant expires);

    /** Each counter's used amount (0 for one never charged). */
    Map<String, Long> used(Collection<String> counters);

    /**
     * Notes that a budget's alert at a threshold fired in a period, once across all replicas.
     *
     * @return true for the one caller that noted it first
     */
    boolean firstAlert(String counter, String threshold);
}
