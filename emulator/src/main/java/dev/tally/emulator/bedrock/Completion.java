package dev.tally.emulator.bedrock;

import static java.util.Objects.requireNonNull;

import dev.tally.emulator.billing.TokenUsage;
import java.util.ArrayList;
import java.util.List;

/** What the emulated model answered: the text, why it stopped, and the tokens to bill. */
public record Completion(String text, StopReason stopReason, TokenUsage usage) {
    /** Stream deltas carry this many characters (about four tokens), like real models' small chunks. */
    static final int DELTA_CHARS = 16;

    public enum StopReason {
        END_TURN("end_turn"),
        MAX_TOKENS("max_tokens");

        private final String wire;

        StopReason(String wire) {
            this.wire = wire;
        }

        /** The snake-case value both the Anthropic and the Converse shapes use. */
        public String wire() {
            return wire;
        }
    }

    public Completion {
        requireNonNull(text, "text is null");
        requireNonNull(stopReason, "stopReason is null");
        requireNonNull(usage, "usage is null");
    }

    /** The text cut into stream deltas. */
    public List<String> deltas() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += DELTA_CHARS) {
            out.add(text.substring(i, Math.min(text.length(), i + DELTA_CHARS)));
        }
        return out;
    }
}
