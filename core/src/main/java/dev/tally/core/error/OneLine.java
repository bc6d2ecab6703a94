package dev.tally.core.error;

import org.jspecify.annotations.Nullable;

/** Error text from libraries (DuckDB, the AWS SDK) cut to its first line, since Tally's errors are one line. */
public final class OneLine {
    private OneLine() {}

    public static String of(@Nullable String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
