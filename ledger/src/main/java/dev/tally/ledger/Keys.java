package dev.tally.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's keys. A key is {@code tly_} followed by 43 base64url characters (256 bits from
 * {@link java.security.SecureRandom}); the store keeps only its SHA-256 hash.
 */
public interface Keys {

    /**
     * Creates a key that never expires. {@code tags} are the session tags its calls carry besides {@code User}
     * (checked by STS's tag rules).
     *
     * @throws dev.tally.core.error.TallyException USAGE for a blank user or a tag STS would refuse
     */
    NewKey create(String user, Map<String, String> tags);

    /** Creates a key usable until {@code expires} (exclusive). */
    NewKey create(String user, Map<String, String> tags, Instant expires);

    /**
     * The key a caller presented, if the store knows it, whether usable or not ({@link ApiKey#usableAt} says).
     * Looks up by the presented key's hash and confirms with a constant-time comparison. Reads the store on
     * every call.
     */
    Optional<ApiKey> find(String presented);

    /** Every key, oldest first. */
    List<ApiKey> list();

    /**
     * Revokes a key (again is harmless: the first revocation time stays).
     *
     * @throws dev.tally.core.error.TallyException USAGE for an unknown id
     */
    ApiKey revoke(String id);

    /**
     * Notes that a key was used at {@code time}. Cheap: held in memory and written by the ledger's writer at
     * most once a second, so {@code lastUsed} lags by up to a second (and a killed process loses that second).
     */
    void touch(String id, Instant time);

    /**
     * A number that changes whenever a key is created or revoked, by any process on this ledger. One indexed
     * read of a single row: a gateway that caches keys polls it (say every 250 ms) and drops its cache when it
     * changes, which is how a {@code tally keys revoke} in another process takes effect within a second.
     */
    long revision();
}
