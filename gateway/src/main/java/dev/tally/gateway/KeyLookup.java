package dev.tally.gateway;

import dev.tally.ledger.ApiKey;
import dev.tally.ledger.Keys;
import java.time.Instant;
import java.util.Optional;

/** The ledger's keys, as the gateway asks them: the key stored for a presented secret, and that it was used. */
public interface KeyLookup {
    /** The stored key for a presented secret, whatever its state ({@link ApiKey#usableAt} says). */
    Optional<ApiKey> find(String presentedKey);

    /** Notes a successful use, for {@code tally keys list}'s last-used column; must be cheap. */
    void used(String keyId, Instant at);

    /** The ledger's keys: lookups read the store, uses are noted in memory and written by its writer. */
    static KeyLookup of(Keys keys) {
        return new KeyLookup() {
            @Override
            public Optional<ApiKey> find(String presentedKey) {
                return keys.find(presentedKey);
            }

            @Override
            public void used(String keyId, Instant at) {
                keys.touch(keyId, at);
            }
        };
    }
}
