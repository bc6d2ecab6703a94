package dev.tally.core.usage;

/** What a Bedrock usage line pays for, beyond plain inference. */
public enum UsageGroup {
    INFERENCE,
    GUARDRAIL,
    EMBEDDING,
    CUSTOMIZATION_TRAINING,
    CUSTOM_MODEL_IMPORT,
    /** Not a Bedrock usage type (EC2 hours, S3 bytes, ...). */
    NOT_BEDROCK
}
