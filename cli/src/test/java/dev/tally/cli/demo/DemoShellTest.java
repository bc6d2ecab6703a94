package dev.tally.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The demo's "Try next" words survive bash as one argument each, whatever --dir holds. */
class DemoShellTest {
    @Test
    void quote_leavesPlainPathsAlone_andQuotesTheRest_soBashReadsThemBack() throws Exception {
        assertThat(Shell.quote("tally-demo/cur")).isEqualTo("tally-demo/cur");
        for (String word : List.of("my demo/cur", "demo (copy)/cur", "it's/cur", "a*b?[c]/$HOME/`x`")) {
            String quoted = Shell.quote(word);
            assertThat(quoted).startsWith("'");
            Process p = new ProcessBuilder("bash", "-c", "printf '%s' " + quoted)
                    .redirectErrorStream(true)
                    .start();
            String back = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(back).isEqualTo(word);
        }
    }

    @Test
    void launcher_isHowThisInstallationRunsFromTheWorkingDirectory() throws Exception {
        Path home = Path.of("/home/u");
        assertThat(Shell.launcher("/home/u/bin/tally", home)).isEqualTo("bin/tally");
        assertThat(Shell.launcher("/home/u/tally-0.1.0/bin/../bin/tally", home)).isEqualTo("tally-0.1.0/bin/tally");
        assertThat(Shell.launcher("/opt/tally/bin/tally", home)).isEqualTo("/opt/tally/bin/tally");
        assertThat(Shell.launcher("/home/u/bin/tally", home.resolve("bin"))).isEqualTo("./tally");
        assertThat(Shell.launcher(null, home)).isEqualTo("bin/tally");
        // A path with a space is one word to bash, so the printed line runs it.
        String spaced = Shell.launcher("/opt/my tally/bin/tally", home);
        Process p = new ProcessBuilder("bash", "-c", "printf '%s' " + spaced)
                .redirectErrorStream(true)
                .start();
        String back = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(back).isEqualTo("/opt/my tally/bin/tally");
    }
}
