package dev.tally.gateway.session;

import java.time.Duration;

/**
 * The gateway-wide AssumeRole rate (AWS's account quota is quoted at 500 per second): each call takes the next
 * free slot on a schedule of one per {@code 1/rate} seconds, waiting for it if it is at most {@code maxWait}
 * away, and is refused at once otherwise, so a burst of new users degrades into short waits and then clear 503s
 * instead of STS throttling every caller.
 */
final class StsRateLimit {
    private final long intervalNanos;
    private final long maxWaitNanos;
    private long nextFree;

    StsRateLimit(int perSecond, Duration maxWait) {
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.maxWaitNanos = maxWait.toNanos();
        this.nextFree = System.nanoTime();
    }

    /** Waits for a slot; false when the wait would be longer than allowed (no slot is taken then). */
    boolean acquire() throws InterruptedException {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextFree);
            if (slot - now > maxWaitNanos) {
                return false;
            }
            nextFree = slot + intervalNanos;
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
        return true;
    }
}
