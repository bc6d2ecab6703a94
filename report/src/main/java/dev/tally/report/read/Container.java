package dev.tally.report.read;

/** How a source file's bytes are laid out: Parquet, plain CSV or gzip-compressed CSV. */
public enum Container {
    PARQUET,
    CSV,
    CSV_GZ
}
