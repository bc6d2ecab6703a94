package dev.tally.gateway.govern;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The sliding window a rate limit counts in: time is cut into {@value #SLOT_SECONDS}-second slots, each with a
 * counter of its own, and a request is admitted only if the limit still has room across the slot it falls in and
 * the {@value #EARLIER_SLOTS} before it (70 seconds at most, never less than 60).
 *
 * <p>Why that bounds any 60 seconds: take the last request admitted in some 60-second interval, in slot S. Every
 * request in the interval came at most 60 seconds before it, so in slots S-6 to S, and was counted (as used or
 * leased room) when that last one was admitted; so the interval holds at most the limit. A calendar minute would
 * let a burst of the limit at 10:00:59 and another at 10:01:00: twice the limit in two seconds. The price is that a
 * client using its whole limit at once waits up to 70 seconds, not 60, for all of it to come back.
 *
 * @param slot the start of the slot, in epoch seconds
 */
record RateWindow(long slot) {
    static final long SLOT_SECONDS = 10;
    static final int EARLIER_SLOTS = 6;

    RateWindow {
        if (slot % SLOT_SECONDS != 0) {
            throw new IllegalArgumentException("not the start of a slot: " + slot);
        }
    }

    static RateWindow at(Instant now) {
        return new RateWindow(Math.floorDiv(now.getEpochSecond(), SLOT_SECONDS) * SLOT_SECONDS);
    }

    /** The starts of the slots before this one that share its limit, newest first. */
    List<Long> earlierSlots() {
        List<Long> slots = new ArrayList<>(EARLIER_SLOTS);
        for (int k = 1; k <= EARLIER_SLOTS; k++) {
            slots.add(slot - k * SLOT_SECONDS);
        }
        return slots;
    }

    /** Seconds until the oldest slot leaves the window, when room comes back (at least 1). */
    long retryAfterSeconds(Instant now) {
        return Math.max(1, slot + SLOT_SECONDS - now.getEpochSecond());
    }
}
