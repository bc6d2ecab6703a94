package dev.tally.core.principal;

/** What kind of IAM identity signed a call, as the normalized cost row names it. */
public enum PrincipalKind {
    USER("user"),
    ASSUMED_ROLE("assumed-role"),
    FEDERATED("federated"),
    API_KEY("api-key"),
    NONE("none");

    private final String label;

    PrincipalKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
