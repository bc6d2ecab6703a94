package dev.tally.gateway;

import dev.tally.ledger.ApiKey;
import dev.tally.ledger.UsageEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A hand-written ledger for the request-path tests: keys by their plain text, events in a list. */
final class MemoryLedger implements KeyLookup, UsageSink {
    private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();
    private final List<UsageEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    String create(String user, Map<String, String> tags) {
        String id = "key_" + ids.incrementAndGet();
        String secret =
                "tly_" + id + "_" + java.util.UUID.randomUUID().toString().replace("-", "");
        keys.put(
                secret,
                new ApiKey(id, user, tags, Instant.now(), Optional.empty(), Optional.empty(), Optional.empty()));
        return secret;
    }

    void revoke(String secret) {
        ApiKey k = keys.get(secret);
        keys.put(
                secret,
                new ApiKey(
                        k.id(),
                        k.user(),
                        k.tags(),
                        k.created(),
                        k.expires(),
                        Optional.of(Instant.now()),
                        k.lastUsed()));
    }

    List<UsageEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public Optional<ApiKey> find(String presentedKey) {
        return Optional.ofNullable(keys.get(presentedKey));
    }

    @Override
    public void used(String keyId, Instant at) {}

    @Override
    public CompletableFuture<Void> record(UsageEvent event) {
        events.add(event);
        return CompletableFuture.completedFuture(null);
    }
}
