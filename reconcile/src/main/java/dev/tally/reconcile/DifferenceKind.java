package dev.tally.reconcile;

/**
 * Why metered and billed differ in one cell (a session, UTC day, model, tier and token type), so the user knows what
 * to do. The labels are the JSON form's values and never change.
 */
public enum DifferenceKind {
    /** Same tokens, same cost (to a millionth of the currency: the CUR stores cost as a double). */
    MATCH("match"),
    /** Same tokens, another cost: the gateway's price catalog is out of date for this model and token type. */
    PRICE("price"),
    /** Different tokens: a metering gap (a cut or cancelled stream, a lost event, usage the gateway does not meter). */
    TOKENS("tokens"),
    /** Billed to a session the ledger does not know: traffic that bypassed the gateway, or another tool. */
    UNKNOWN_SESSION("unknown-session"),
    /** Metered on or after the newest billed day and not billed yet: billing lag, not an error. */
    PROVISIONAL("provisional");

    private final String label;

    DifferenceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
