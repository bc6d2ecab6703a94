package dev.tally.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalsTest {
    @Test
    void aHandledSignal_reachesTheHandlerWithItsName_insteadOfTheDefault() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch arrived = new CountDownLatch(1);
        assertThat(Signals.handle("WINCH", name -> {
                    seen.add(name);
                    arrived.countDown();
                }))
                .isTrue();
        // SIGWINCH (a terminal resized): its default is to do nothing, so a failing test cannot end the JVM, and
        // unlike SIGHUP no launcher (nohup) sets it ignored before the JVM starts.
        Process kill = new ProcessBuilder(
                        "kill",
                        "-s",
                        "WINCH",
                        Long.toString(ProcessHandle.current().pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly("WINCH");
    }

    @Test
    void aSignalThisSystemDoesNotHave_isRefused_notThrown() {
        assertThat(Signals.handle("NOSUCHSIGNAL", name -> {})).isFalse();
        assertThat(Signals.ignore("NOSUCHSIGNAL")).isFalse();
    }
}
