package dev.tally.gateway;

import dev.tally.ledger.Charge;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.UsageEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where metered requests go: the ledger, whose future completes once the event is committed. */
@FunctionalInterface
public interface UsageSink {
    CompletableFuture<Void> record(UsageEvent event);

    /** With the event's budget charges, committed with it; a sink without budgets drops them. */
    default CompletableFuture<Void> record(UsageEvent event, List<Charge> charges) {
        return record(event);
    }

    /** The ledger: events and their charges in one transaction. */
    static UsageSink of(Ledger ledger) {
        return new UsageSink() {
            @Override
            public CompletableFuture<Void> record(UsageEvent event) {
                return ledger.record(event);
            }

            @Override
            public CompletableFuture<Void> record(UsageEvent event, List<Charge> charges) {
                return ledger.record(event, charges);
            }
        };
    }
}
