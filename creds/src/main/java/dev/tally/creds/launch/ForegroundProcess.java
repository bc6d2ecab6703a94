package dev.tally.creds.launch;

import dev.tally.core.error.TallyException;
import dev.tally.core.io.Signals;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Runs a command in the foreground: same terminal (stdin, stdout and stderr inherited), its exit code
 * returned (128 + N when a signal N ended it, the shell's convention). SIGTERM and SIGHUP sent to this
 * process are passed on to the command; SIGINT and SIGQUIT are ignored here, because a terminal's Ctrl-C
 * already reaches the command, which shares this process's group, and the command decides what it means
 * (Claude Code uses it to cancel a turn, not to exit).
 */
public final class ForegroundProcess {
    private static final List<String> FORWARDED = List.of("TERM", "HUP");
    private static final List<String> IGNORED = List.of("INT", "QUIT");

    private ForegroundProcess() {}

    public static int run(LaunchPlan plan) throws InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(plan.command()).inheritIO();
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(plan.environment());
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            throw TallyException.usage("run: cannot start '" + plan.command().getFirst() + "': " + reason(e)
                    + (plan.command().size() == 1 && plan.command().getFirst().equals(LaunchPlan.DEFAULT_COMMAND)
                            ? " (install Claude Code, or name the command to run after --)"
                            : ""));
        }
        installSignals(child);
        return child.waitFor();
    }

    private static String reason(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        // The JDK says "error=2, No such file..." or "Exec failed, error: 2 (No such file...)", by launch mechanism.
        if (m.matches("(?s).*error(=|: )2\\b.*")) {
            return "not found on PATH";
        }
        if (m.matches("(?s).*error(=|: )13\\b.*")) {
            return "permission denied";
        }
        return dev.tally.core.error.OneLine.of(m);
    }

    /** Ignores what the terminal already sends the command, and passes the rest on (see the class comment). */
    private static void installSignals(Process child) {
        // Without a signal API in this JVM the defaults stay: the command still runs.
        IGNORED.forEach(Signals::ignore);
        FORWARDED.forEach(name -> Signals.handle(name, n -> forward(child, n)));
    }

    private static void forward(Process child, String name) {
        try {
            new ProcessBuilder("kill", "-s", name, Long.toString(child.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (IOException e) {
            child.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
        }
    }
}
