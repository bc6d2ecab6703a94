package dev.tally.report.read;

/** The billing export formats {@code tally report} reads; detected from content, not file names. */
public enum SourceFormat {
    CUR2("CUR 2.0"),
    CUR1("legacy CUR 1.0"),
    FOCUS("FOCUS 1.x");

    private final String label;

    SourceFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
