package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pastes a command line Tally prints into the real bash and zsh, with {@code tally} defined as a function
 * that prints its arguments: a line that is a syntax error or a failed glob in either shell fails.
 */
final class Shells {
    private Shells() {}

    /** The shells on this machine: bash always, zsh where installed (Debian: apt-get install zsh). */
    static List<String> available() {
        List<String> shells = new ArrayList<>(List.of("bash"));
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "zsh"))) {
                shells.add("zsh");
                break;
            }
        }
        return shells;
    }

    /** The arguments {@code line} gives {@code tally} in {@code shell}, one per element. */
    static List<String> arguments(String shell, String line) throws IOException, InterruptedException {
        String script = "tally() { printf '%s\\n' \"$@\"; }\n" + line.strip().replaceFirst("^bin/tally ", "tally ");
        Process p = new ProcessBuilder(shell, "-c", script)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(shell + ": " + line + "\n" + out).isZero();
        return out.lines().toList();
    }
}
