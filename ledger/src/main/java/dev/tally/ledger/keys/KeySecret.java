package dev.tally.ledger.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * How keys are made and hashed. A key is {@code tly_} and 32 bytes of {@link SecureRandom} in base64url: 256
 * bits that no one can guess or search, with a prefix that secret scanners and people recognise.
 *
 * <p>Only SHA-256 of the key is stored. A fast hash is right here, unlike for passwords: a slow hash (bcrypt,
 * Argon2) exists to make guessing low-entropy human choices expensive, but a 256-bit random key has no
 * guessable space to search, so one SHA-256 already leaves a stolen database useless for finding keys, while
 * a slow hash would cost every gateway request milliseconds of CPU.
 */
public final class KeySecret {
    public static final String PREFIX = "tly_";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecret() {}

    public static String newKey() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A public id for lists, logs and usage events: 64 random bits, unrelated to the key. */
    public static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "key_" + HexFormat.of().formatHex(bytes);
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
