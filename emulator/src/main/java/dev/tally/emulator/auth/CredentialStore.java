package dev.tally.emulator.auth;

import static java.util.Objects.requireNonNull;

import dev.tally.core.principal.Principal;
import dev.tally.core.sts.SessionName;
import dev.tally.core.sts.SessionTags;
import dev.tally.emulator.ApiKey;
import dev.tally.emulator.IamUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every key that may sign a call: the declared IAM users' long-term keys, the temporary keys AssumeRole
 * issued, and the Bedrock API keys. Lookups are lock-free: they sit on every request's path.
 */
public final class CredentialStore {
    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int PRUNE_EVERY = 1024;
    private static final char[] SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    /** A long-term key: its secret and the user it belongs to. */
    public record LongTermKey(String secretAccessKey, Identity identity) {
        @Override
        public String toString() {
            return "LongTermKey[arn=" + identity.arn() + "]";
        }
    }

    private final String accountId;
    private final Map<String, LongTermKey> longTerm;
    private final Map<String, Identity> apiKeys;
    private final Map<String, SessionCredentials> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong issued = new AtomicLong();

    public CredentialStore(String accountId, List<IamUser> users, List<ApiKey> keys) {
        this.accountId = requireNonNull(accountId, "accountId is null");
        Map<String, LongTermKey> byKey = new ConcurrentHashMap<>();
        for (IamUser user : users) {
            Identity id = Identity.user(user.arn(accountId), stableId("AIDA", user.name()), accountId);
            byKey.put(user.accessKeyId(), new LongTermKey(user.secretAccessKey(), id));
        }
        this.longTerm = Map.copyOf(byKey);
        Map<String, Identity> byApiKey = new ConcurrentHashMap<>();
        for (ApiKey key : keys) {
            Principal user = key.principal();
            byApiKey.put(
                    key.key(),
                    Identity.user(
                            key.userArn(), stableId("AIDA", user.userName().orElseThrow()), user.accountId()));
        }
        this.apiKeys = Map.copyOf(byApiKey);
    }

    public Optional<LongTermKey> longTermKey(String accessKeyId) {
        return Optional.ofNullable(longTerm.get(accessKeyId));
    }

    public Optional<SessionCredentials> session(String accessKeyId) {
        return Optional.ofNullable(sessions.get(accessKeyId));
    }

    public Optional<Identity> apiKey(String key) {
        return Optional.ofNullable(apiKeys.get(key));
    }

    /**
     * Issues temporary credentials for a role session that expire {@code validity} from now (real clock).
     * A zero or negative validity gives credentials that are already expired, for tests.
     */
    public SessionCredentials issue(String roleName, SessionName sessionName, SessionTags tags, Duration validity) {
        String roleId = stableId("AROA", roleName);
        String arn = "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName.value();
        Identity identity =
                new Identity(arn, roleId + ":" + sessionName.value(), accountId, tags, Optional.of(roleName));
        String accessKeyId;
        do {
            accessKeyId = "ASIA" + randomText(KEY_ALPHABET, 16);
        } while (sessions.containsKey(accessKeyId) || longTerm.containsKey(accessKeyId));
        byte[] token = new byte[192];
        random.nextBytes(token);
        SessionCredentials creds = new SessionCredentials(
                accessKeyId,
                randomText(SECRET_ALPHABET, 40),
                "IQoJb3JpZ2luX2VtdWxhdG9y" + Base64.getEncoder().encodeToString(token),
                Instant.now().plus(validity).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                identity);
        sessions.put(accessKeyId, creds);
        if (issued.incrementAndGet() % PRUNE_EVERY == 0) {
            // Keep expired sessions for a while, so their calls still answer ExpiredToken rather than
            // InvalidClientTokenId, then forget them: a long-running gateway test issues many.
            Instant cutoff = Instant.now().minus(Duration.ofHours(1));
            sessions.values().removeIf(c -> c.expiration().isBefore(cutoff));
        }
        return creds;
    }

    /** The AROA.../AIDA... unique id AWS gives a role or user; stable for a name, like AWS's. */
    public static String stableId(String prefix, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(prefix);
            for (int i = 0; i < 17; i++) {
                b.append(KEY_ALPHABET[(digest[i] & 0xff) % KEY_ALPHABET.length]);
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomText(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
