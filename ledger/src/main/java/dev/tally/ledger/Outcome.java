package dev.tally.ledger;

/** How a metered request ended. */
public enum Outcome {
    /** The upstream answered in full and the client received it. */
    COMPLETED("completed"),
    /** The upstream answered with an error (before or during a stream). */
    UPSTREAM_ERROR("upstream-error"),
    /** The client went away before the response ended; the upstream call was cancelled. */
    CLIENT_CANCELLED("client-cancelled");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
