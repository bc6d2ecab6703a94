package dev.tally.cli.demo;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Words for the "Try next" lines, so that each line pastes into bash and zsh as printed, whatever --dir is. */
final class Shell {
    /** Characters neither shell treats specially in an argument (zsh globs on more than bash: no ?, *, [, ^, #). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private Shell() {}

    /**
     * How to run this installation's launcher from {@code cwd}: {@code bin/tally} from a clone's root (the README's
     * way), a path relative to {@code cwd} below it, else the launcher's absolute path ({@code launcher} is the
     * absolute path bin/tally passes as {@code tally.launcher}). Without one (the jar started directly, tests),
     * {@code bin/tally}.
     */
    static String launcher(@Nullable String launcher, Path cwd) {
        if (launcher == null || launcher.isBlank()) {
            return "bin/tally";
        }
        Path path = Path.of(launcher).toAbsolutePath().normalize();
        Path here = cwd.toAbsolutePath().normalize();
        if (!path.startsWith(here)) {
            return quote(path.toString());
        }
        String relative = here.relativize(path).toString();
        // A word without a slash is looked up on PATH, not here.
        return quote(relative.contains("/") ? relative : "./" + relative);
    }

    /** The word as is when it is plain, else single-quoted (a quote inside becomes {@code '\''}). */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
