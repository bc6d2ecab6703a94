package dev.tally.gateway.admin;

import static java.util.Objects.requireNonNull;

import dev.tally.core.error.TallyException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The secret the admin API asks for. Only its SHA-256 is kept, and a presented token is compared by digest with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the first difference is (and the digests have
 * one length whatever was presented), so timing tells an attacker nothing. Never printed: {@link #toString} hides it.
 */
public final class AdminToken {
    /** Shorter than this is guessable; the command says how to make a good one. */
    public static final int MIN_LENGTH = 16;

    private final byte[] digest;

    private AdminToken(byte[] digest) {
        this.digest = digest;
    }

    /**
     * The admin token, refused when too short to be safe.
     *
     * @param where where the token came from, for the error ({@code TALLY_ADMIN_TOKEN}, the file's path)
     * @throws TallyException USAGE for a token shorter than {@link #MIN_LENGTH}
     */
    public static AdminToken of(String token, String where) {
        requireNonNull(token, "token is null");
        String t = token.strip();
        if (t.length() < MIN_LENGTH) {
            throw TallyException.usage(where + ": the admin token must be at least " + MIN_LENGTH
                    + " characters (e.g. openssl rand -hex 32)");
        }
        return new AdminToken(sha256(t));
    }

    /** Whether {@code authorization} is {@code Bearer <this token>}. */
    public boolean admits(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[hidden]";
    }
}
