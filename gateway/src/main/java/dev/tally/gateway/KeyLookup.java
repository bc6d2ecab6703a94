package dev.tally.gateway;

import dev.tally.ledger.ApiKey;
import java.util.Optional;

/** The ledger's keys, as the gateway asks them: the key stored for a presented secret, whatever its state. */
@FunctionalInterface
public interface KeyLookup {
    Optional<ApiKey> find(String presentedKey);
}
