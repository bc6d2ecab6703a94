package dev.tally.gateway.govern;

import dev.tally.ledger.Charge;
import dev.tally.ledger.Money;
import dev.tally.ledger.UsageEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a request holds once admitted: its reservations on budgets and token rates. Settling turns them into the
 * charges its usage event commits with, and returns what it did not spend to this replica's slices. Settled once;
 * a request that ends without an event (a gateway fault) is settled at zero by {@link #release()}.
 */
public final class Admission {
    /** For requests that nothing governs. */
    public static final Admission NONE = new Admission("", List.of(), List.of(), List.of());

    /** A reservation on this replica's slice of a counter (a hard budget's, or a minute's tokens). */
    record Held(LeasedCounter slice, long amount) {}

    private final String holder;
    private final List<Held> budgets;
    private final List<String> softCounters;
    private final List<Held> tokenRates;
    private final AtomicBoolean settled = new AtomicBoolean();

    Admission(String holder, List<Held> budgets, List<String> softCounters, List<Held> tokenRates) {
        this.holder = holder;
        this.budgets = List.copyOf(budgets);
        this.softCounters = List.copyOf(softCounters);
        this.tokenRates = List.copyOf(tokenRates);
    }

    /** The charges of a request's usage event, its cost against each budget; the rest goes back to the slices. */
    public List<Charge> settle(UsageEvent event) {
        if (!settled.compareAndSet(false, true)) {
            return List.of();
        }
        long cost = Money.nanos(event.cost());
        List<Charge> charges = new ArrayList<>(budgets.size() + softCounters.size());
        for (Held h : budgets) {
            h.slice().refund(h.amount() - cost);
            if (cost > 0) {
                charges.add(new Charge(h.slice().counter, holder, cost));
            }
        }
        for (String counter : softCounters) {
            if (cost > 0) {
                charges.add(new Charge(counter, holder, cost));
            }
        }
        long tokens = event.tokens().total();
        tokenRates.forEach(h -> h.slice().refund(Math.max(0, h.amount() - tokens)));
        return charges;
    }

    /** Returns every reservation whole: the request spent nothing. */
    public void release() {
        if (settled.compareAndSet(false, true)) {
            budgets.forEach(h -> h.slice().refund(h.amount()));
            tokenRates.forEach(h -> h.slice().refund(h.amount()));
        }
    }
}
