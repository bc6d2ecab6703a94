package dev.tally.cli.demo;

import java.util.regex.Pattern;

/** Words for the "Try next" lines, so that each line pastes into bash and zsh as printed, whatever --dir is. */
final class Shell {
    /** Characters neither shell treats specially in an argument (zsh globs on more than bash: no ?, *, [, ^, #). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private Shell() {}

    /** The word as is when it is plain, else single-quoted (a quote inside becomes {@code '\''}). */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
