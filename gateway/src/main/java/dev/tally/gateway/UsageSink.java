package dev.tally.gateway;

import dev.tally.ledger.UsageEvent;
import java.util.concurrent.CompletableFuture;

/** Where metered requests go: the ledger, whose future completes once the event is committed. */
@FunctionalInterface
public interface UsageSink {
    CompletableFuture<Void> record(UsageEvent event);
}
