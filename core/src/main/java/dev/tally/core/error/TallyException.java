package dev.tally.core.error;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type Tally's modules throw for errors a user can act on. Its message is a single line
 * that says what, where and what was expected, and never holds a secret.
 */
public class TallyException extends RuntimeException {
    private final ErrorKind kind;

    public TallyException(ErrorKind kind, String message) {
        super(requireNonNull(message, "message is null"));
        this.kind = requireNonNull(kind, "kind is null");
    }

    public TallyException(ErrorKind kind, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.kind = requireNonNull(kind, "kind is null");
    }

    public static TallyException usage(String message) {
        return new TallyException(ErrorKind.USAGE, message);
    }

    public static TallyException badData(String message) {
        return new TallyException(ErrorKind.BAD_DATA, message);
    }

    public static TallyException failure(String message, Throwable cause) {
        return new TallyException(ErrorKind.FAILURE, message, cause);
    }

    public ErrorKind kind() {
        return kind;
    }
}
