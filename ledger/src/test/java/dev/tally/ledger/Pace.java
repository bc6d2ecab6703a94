package dev.tally.ledger;

import java.util.concurrent.locks.LockSupport;

/** For tests that record at a pace: waits for a moment on a schedule of {@link System#nanoTime} values. */
final class Pace {
    private Pace() {}

    /** Returns once {@code dueNanos} has passed (compared by difference, as nanoTime's values may be negative). */
    static void parkUntil(long dueNanos) {
        for (long left = dueNanos - System.nanoTime(); left > 0; left = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
