package dev.tally.cli.creds;

import java.nio.file.Path;
import java.util.List;

/**
 * How to run this installation's {@code tally creds} from another process: {@code bin/tally} tells its own
 * absolute path in the system property {@code tally.launcher}; without it (the jar started directly,
 * tests) the same JVM, class path and entry point.
 */
public final class Launcher {
    /** The system property bin/tally sets to its own absolute path; read wherever a command names the launcher. */
    public static final String PROPERTY = "tally.launcher";

    private Launcher() {}

    static List<String> credsCommand() {
        String launcher = System.getProperty(PROPERTY);
        if (launcher != null && !launcher.isBlank()) {
            return List.of(Path.of(launcher).toAbsolutePath().normalize().toString(), "creds");
        }
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath(),
                CredsMain.class.getName(),
                "creds");
    }

    private static String classPath() {
        return List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).stream()
                .map(p -> Path.of(p).toAbsolutePath().normalize().toString())
                .reduce((a, b) -> a + java.io.File.pathSeparator + b)
                .orElse("");
    }
}
