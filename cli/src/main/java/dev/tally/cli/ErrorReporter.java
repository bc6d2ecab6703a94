package dev.tally.cli;

import dev.tally.core.error.OneLine;
import dev.tally.core.error.TallyException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every error into one line on stderr and an exit code: 2 for usage mistakes, 1 for bad data and
 * failures. No stack trace reaches the user unless TALLY_DEBUG is set.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int USAGE = 2;
    static final int FAILURE = 1;

    private final boolean debug;

    /** @param debug print the stack trace under the line ({@code TALLY_DEBUG}, read by the caller) */
    ErrorReporter(boolean debug) {
        this.debug = debug;
    }

    /**
     * A library names a refused setting as it knows it ({@code port}); the user typed {@code --port}, so where the
     * running command has that option the line names the option.
     */
    static String asTyped(TallyException t, CommandLine cli) {
        if (!t.setting().isEmpty() && cli.getCommandSpec().findOption("--" + t.setting()) != null) {
            return "--" + t.getMessage();
        }
        return t.getMessage();
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        // One line, like every other error: a credential_process's stderr is shown to the user as it is.
        err.println("tally: " + OneLine.of(e.getMessage()) + closest(e) + " (see '"
                + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return USAGE;
    }

    /** For a mistyped command or option, picocli's closest match: {@code ; did you mean 'report'?}. */
    private static String closest(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            return "; did you mean '" + u.getSuggestions().get(0) + "'?";
        }
        return "";
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        int code;
        String message;
        if (e instanceof TallyException t) {
            code = t.kind().exitCode();
            message = asTyped(t, cli);
        } else {
            // Not a TallyException: a bug, whatever its type (user input is checked and reported as TallyException).
            code = FAILURE;
            message = "internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + OneLine.of(e.getMessage()));
        }
        err.println("tally: " + OneLine.of(message));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
