package dev.tally.creds.launch;

import dev.tally.core.error.TallyException;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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
        Signals.install(child);
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

    /**
     * Signal handling through {@code sun.misc.Signal} (module jdk.unsupported, the JDK's only way to handle
     * signals), reached reflectively so that the build stays free of proprietary-API warnings. If it is
     * missing, the JVM's defaults apply and the command still runs.
     */
    private static final class Signals {
        static void install(Process child) {
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                Class<?> handler = Class.forName("sun.misc.SignalHandler");
                Method handle = signal.getMethod("handle", signal, handler);
                Object ignore = handler.getField("SIG_IGN").get(null);
                for (String name : IGNORED) {
                    handle.invoke(null, signal.getConstructor(String.class).newInstance(name), ignore);
                }
                // A proxy equals only itself, as Object.equals would answer: identity is meant.
                @SuppressWarnings("ReferenceEquality")
                InvocationHandler forward = (proxy, method, args) -> {
                    if (method.getName().equals("handle")) {
                        String name = (String) signal.getMethod("getName").invoke(args[0]);
                        forward(child, name);
                        return null;
                    }
                    return switch (method.getName()) {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "tally-run-forwarder";
                    };
                };
                Object forwarder = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, forward);
                for (String name : FORWARDED) {
                    handle.invoke(null, signal.getConstructor(String.class).newInstance(name), forwarder);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // no signal API in this JVM: the defaults stay
            }
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
}
