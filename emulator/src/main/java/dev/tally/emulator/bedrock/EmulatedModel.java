package dev.tally.emulator.bedrock;

import dev.tally.emulator.billing.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The model behind every endpoint, deterministic by design:
 * <ul>
 *   <li>input tokens: the sum of {@link TokenCounter#tokens} over every counted block of the prompt;</li>
 *   <li>prompt caching: the blocks up to the last {@code cache_control} (or Converse {@code cachePoint})
 *       form the cached prefix; the first request with a given prefix on a given model writes it (cache
 *       write tokens), every later one reads it (cache read tokens); cached tokens are not counted again as
 *       input; entries never expire within one emulator instance;</li>
 *   <li>the reply is {@code "Emulated reply to: "} followed by the first 200 characters of the last user
 *       turn, cut to {@code max_tokens x 4} characters (then the stop reason is {@code max_tokens});</li>
 *   <li>output tokens: {@link TokenCounter#tokens} of the reply.</li>
 * </ul>
 */
public final class EmulatedModel {
    static final String REPLY_PREFIX = "Emulated reply to: ";
    static final int ECHO_CHARS = 200;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Set<String> cachedPrefixes = ConcurrentHashMap.newKeySet();

    public Completion complete(Prompt prompt, ResolvedModel model) {
        long total = 0;
        long prefix = 0;
        for (int i = 0; i < prompt.segments().size(); i++) {
            long t = TokenCounter.tokens(prompt.segments().get(i));
            total += t;
            if (i <= prompt.cacheBoundary()) {
                prefix += t;
            }
        }
        long cacheRead = 0;
        long cacheWrite = 0;
        if (prefix > 0) {
            if (cachedPrefixes.add(prefixKey(prompt, model))) {
                cacheWrite = prefix;
            } else {
                cacheRead = prefix;
            }
        }
        long input = prefix > 0 ? total - prefix : Math.max(1, total);
        String text = reply(prompt.lastUserText());
        Completion.StopReason stop = Completion.StopReason.END_TURN;
        long limit = (long) prompt.maxTokens() * TokenCounter.CHARS_PER_TOKEN;
        if (text.length() > limit) {
            text = text.substring(0, (int) limit);
            stop = Completion.StopReason.MAX_TOKENS;
        }
        TokenUsage usage = new TokenUsage(
                input, TokenCounter.tokens(text), cacheRead, cacheWrite, prompt.oneHourCache() && cacheWrite > 0);
        return new Completion(text, stop, usage);
    }

    /** Counts without completing or touching the cache: CountTokens. */
    public long countInputTokens(Prompt prompt) {
        long total = 0;
        for (String s : prompt.segments()) {
            total += TokenCounter.tokens(s);
        }
        return Math.max(1, total);
    }

    static String reply(String lastUserText) {
        String echo = WHITESPACE.matcher(lastUserText.strip()).replaceAll(" ");
        if (echo.length() > ECHO_CHARS) {
            echo = echo.substring(0, ECHO_CHARS);
        }
        return echo.isEmpty() ? "Emulated reply." : REPLY_PREFIX + echo;
    }

    private static String prefixKey(Prompt prompt, ResolvedModel model) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(model.canonical().getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i <= prompt.cacheBoundary(); i++) {
                sha.update((byte) 0);
                sha.update(prompt.segments().get(i).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
