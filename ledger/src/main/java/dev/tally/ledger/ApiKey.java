package dev.tally.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A gateway key as stored: never the key itself (only its hash is kept, in the store), but who it is for.
 *
 * @param id a short public identifier ({@code key_...}) that lists, logs and usage events name
 * @param tags the session tags the key's calls carry besides {@code User}: {@code Project}, {@code Team},
 *     {@code Tenant}, {@code CostCenter} when set (spelled like {@code tally creds}' tags) and any {@code --tag}
 */
public record ApiKey(
        String id,
        String user,
        Map<String, String> tags,
        Instant created,
        Optional<Instant> expires,
        Optional<Instant> revoked,
        Optional<Instant> lastUsed) {

    public ApiKey {
        requireNonNull(id, "id is null");
        requireNonNull(user, "user is null");
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
        requireNonNull(created, "created is null");
        requireNonNull(expires, "expires is null");
        requireNonNull(revoked, "revoked is null");
        requireNonNull(lastUsed, "lastUsed is null");
    }

    /** Whether a request at {@code now} may use the key. */
    public boolean usableAt(Instant now) {
        return revoked.isEmpty() && expires.map(now::isBefore).orElse(true);
    }
}
