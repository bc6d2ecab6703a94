package dev.tally.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * How one run of {@code tally} ended, in this JVM ({@link #inProcess}) or a process of its own ({@link
 * SeparateProcess}): its exit code and everything it printed.
 */
public record TallyRun(int exit, String out, String err) {
    /** Runs {@code tally ARGS} in this JVM, as the launcher would, and keeps what it printed. */
    public static TallyRun inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Tally.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new TallyRun(exit, out.toString(), err.toString());
    }
}
