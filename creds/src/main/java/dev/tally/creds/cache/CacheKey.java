package dev.tally.creds.cache;

import static java.util.Objects.requireNonNull;

import dev.tally.creds.CredsRequest;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two requests interchangeable: role, source credentials, region, endpoint, duration, session
 * prefix and the full tag set (project, user and extra tags as given: the sanitizing that turns them into
 * the tags sent is a function of them, and skipping it here keeps its Unicode patterns off the cached
 * path). {@link #text()} holds them all and is stored in the cache file,
 * which is served only for exactly that text; {@link #id()}, a 128-bit hash of it, names the file. The hash
 * is not a cryptographic one on purpose: {@code MessageDigest} starts the JDK's security providers, a
 * fifth of the cached path's time, and a collision could only cost a miss, never wrong credentials.
 */
public record CacheKey(String text, String id) {
    public CacheKey {
        requireNonNull(text, "text is null");
        requireNonNull(id, "id is null");
    }

    public static CacheKey of(CredsRequest request) {
        StringBuilder text = new StringBuilder();
        field(text, "tally-creds-cache-v1");
        field(text, request.roleArn());
        field(text, request.source().cacheIdentity());
        field(text, request.region());
        field(text, request.endpoint().isPresent() ? request.endpoint().get().toString() : "");
        field(text, Integer.toString(request.durationSeconds()));
        field(text, request.sessionPrefix());
        field(text, request.identity().project());
        field(text, request.identity().user());
        for (Map.Entry<String, String> tag : new TreeMap<>(request.identity().extraTags()).entrySet()) {
            field(text, tag.getKey());
            field(text, tag.getValue());
        }
        return of(text.toString());
    }

    static CacheKey of(String text) {
        return new CacheKey(text, hex(hash(text, 0xcbf29ce484222325L)) + hex(hash(text, 0x84222325cbf29ce4L)));
    }

    /** Length-prefixed, so no two different field lists give the same text. */
    private static void field(StringBuilder text, String value) {
        text.append(value.length()).append(':').append(value).append('\n');
    }

    /** FNV-1a over the UTF-16 code units, then a SplitMix64 finalizer to spread the bits. */
    private static long hash(String s, long seed) {
        long h = seed;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }
}
