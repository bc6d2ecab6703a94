package dev.tally.core.usage;

/** How Bedrock priced the usage; AWS encodes it in substrings of the usage type. */
public enum PricingModel {
    ON_DEMAND("on-demand"),
    BATCH("batch"),
    PROVISIONED("provisioned"),
    FLEX("flex"),
    PRIORITY("priority"),
    RESERVED("reserved"),
    LATENCY_OPTIMIZED("latency-optimized");

    private final String label;

    PricingModel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
