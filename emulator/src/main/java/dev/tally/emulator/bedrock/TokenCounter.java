package dev.tally.emulator.bedrock;

/**
 * The emulator's tokenizer: a text of n characters (UTF-16 code units) is {@code ceil(n / 4)} tokens, about
 * what real tokenizers give for English. Deterministic, so tests can compute expected bills by hand.
 */
public final class TokenCounter {
    public static final int CHARS_PER_TOKEN = 4;

    private TokenCounter() {}

    public static long tokens(String text) {
        return ((long) text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
