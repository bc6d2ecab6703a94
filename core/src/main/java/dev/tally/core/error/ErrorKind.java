package dev.tally.core.error;

/**
 * What went wrong, from the user's side. The CLI maps it to an exit code and the gateway to an HTTP status,
 * each in exactly one place.
 */
public enum ErrorKind {
    /** The user asked for something malformed: a bad option, a missing file, an unknown dimension. Exit 2. */
    USAGE(2),
    /** The input was read but its content is wrong: a corrupt Parquet file, a CSV without needed columns. Exit 1. */
    BAD_DATA(1),
    /** Something outside Tally failed: an AWS call, the network, the disk. Exit 1. */
    FAILURE(1);

    private final int exitCode;

    ErrorKind(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
