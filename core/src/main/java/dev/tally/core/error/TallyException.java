package dev.tally.core.error;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The one exception type Tally's modules throw for errors a user can act on. Its message is a single line
 * that says what, where and what was expected, and never holds a secret.
 */
public class TallyException extends RuntimeException {
    private final ErrorKind kind;
    private final String setting;

    public TallyException(ErrorKind kind, String message) {
        this(kind, message, null);
    }

    public TallyException(ErrorKind kind, String message, @Nullable Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.kind = requireNonNull(kind, "kind is null");
        this.setting = "";
    }

    private TallyException(String setting, String rest) {
        super(requireNonNull(setting, "setting is null") + requireNonNull(rest, "rest is null"));
        this.kind = ErrorKind.USAGE;
        this.setting = setting;
    }

    /**
     * A setting's value a library refuses, named as the library knows it ({@code port}, {@code faults},
     * {@code rows}), never as a command-line flag: the command line is cli's, which writes {@code --port} where
     * the command has that option (cli/ErrorReporter). The message is {@code setting + rest}.
     *
     * @param rest continues the sentence after the setting's name: {@code " must be 0 to 65535, got 70000"}
     */
    public static TallyException invalidSetting(String setting, String rest) {
        return new TallyException(setting, rest);
    }

    /** The setting an {@link #invalidSetting} error is about; empty for every other error. */
    public String setting() {
        return setting;
    }

    public static TallyException usage(String message) {
        return new TallyException(ErrorKind.USAGE, message);
    }

    public static TallyException badData(String message) {
        return new TallyException(ErrorKind.BAD_DATA, message);
    }

    public static TallyException failure(String message, @Nullable Throwable cause) {
        return new TallyException(ErrorKind.FAILURE, message, cause);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** Never null: every constructor requires a message. */
    @Override
    public String getMessage() {
        return requireNonNull(super.getMessage());
    }
}
