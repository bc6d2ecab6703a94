package dev.tally.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

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
}
