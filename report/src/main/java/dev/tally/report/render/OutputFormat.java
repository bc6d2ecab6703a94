package dev.tally.report.render;

/** The {@code --format} choices of every command that prints a report. */
public enum OutputFormat {
    TABLE,
    CSV,
    JSON,
    MARKDOWN,
    HTML
}
