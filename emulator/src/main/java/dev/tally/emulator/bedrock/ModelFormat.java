package dev.tally.emulator.bedrock;

/** The request and response body family a model speaks through InvokeModel. */
public enum ModelFormat {
    /** Anthropic Messages with {@code anthropic_version} (aws-facts.md section 8). */
    ANTHROPIC,
    /** Amazon Nova's {@code messages-v1} schema, close to Converse. */
    NOVA
}
