package dev.tally.core.io;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * The process's operating-system signals (TERM, INT, HUP, QUIT), through {@code sun.misc.Signal} (module
 * jdk.unsupported, the JDK's only way to handle them), reached reflectively: javac's proprietary-API warning cannot
 * be suppressed, and the build allows none. Used by {@code tally run} (forwarding to its child) and
 * {@code tally gateway} (draining on TERM).
 */
public final class Signals {
    private Signals() {}

    /**
     * Calls {@code onSignal} with the signal's name each time it arrives, instead of the JVM's default. False when
     * this JVM has no signal API or refuses the signal; the default then stays.
     */
    public static boolean handle(String name, Consumer<String> onSignal) {
        // A proxy equals only itself, as Object.equals would answer: identity is meant.
        @SuppressWarnings("ReferenceEquality")
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "handle" -> {
                onSignal.accept(name);
                yield null;
            }
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "tally-signal-" + name;
        };
        try {
            Class<?> type = Class.forName("sun.misc.SignalHandler");
            return install(name, Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Ignores the signal. False when this JVM has no signal API or refuses the signal. */
    public static boolean ignore(String name) {
        try {
            return install(
                    name,
                    Class.forName("sun.misc.SignalHandler").getField("SIG_IGN").get(null));
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static boolean install(String name, Object handler) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Method handle = signal.getMethod("handle", signal, Class.forName("sun.misc.SignalHandler"));
            handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // No signal API, or the JVM refused this signal (one it uses itself, or unknown on this system).
            return false;
        }
    }
}
