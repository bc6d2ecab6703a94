package dev.tally.gateway.proxy;

/** What the gateway forwards: Bedrock runtime operations and the control-plane reads Claude Code makes. */
public enum Operation {
    INVOKE("invoke", true, false),
    INVOKE_STREAM("invoke-stream", true, true),
    CONVERSE("converse", true, false),
    CONVERSE_STREAM("converse-stream", true, true),
    COUNT_TOKENS("count-tokens", true, false),
    LIST_INFERENCE_PROFILES("list-inference-profiles", false, false),
    GET_INFERENCE_PROFILE("get-inference-profile", false, false),
    LIST_FOUNDATION_MODELS("list-foundation-models", false, false);

    private final String label;
    private final boolean runtime;
    private final boolean streaming;

    Operation(String label, boolean runtime, boolean streaming) {
        this.label = label;
        this.runtime = runtime;
        this.streaming = streaming;
    }

    /** The name usage events and the access log use. */
    public String label() {
        return label;
    }

    /** Runtime operations go to {@code bedrock-runtime}, the rest to the control plane ({@code bedrock}). */
    public boolean runtime() {
        return runtime;
    }

    public boolean streaming() {
        return streaming;
    }

    /** Whether the answer carries token usage (CountTokens counts, but nothing is billed). */
    public boolean metered() {
        return this == INVOKE || this == INVOKE_STREAM || this == CONVERSE || this == CONVERSE_STREAM;
    }
}
