package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.fault.FaultSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * Libraries name a refused setting as they know it (port, faults, rows) and never a command-line flag; cli,
 * which owns the command line, writes the flag the user typed.
 */
class SettingErrorsTest {
    @Test
    void libraryErrors_nameTheSettingNotAFlag() {
        assertThatThrownBy(() -> EmulatorConfig.builder().port(70000).build())
                .hasMessageStartingWith("port must be 0 to 65535")
                .hasMessageNotContaining("--");
        assertThatThrownBy(() -> FaultSpec.parse("throttle=2"))
                .hasMessageStartingWith("faults: throttle must be a probability")
                .hasMessageNotContaining("--");
    }

    @Test
    void cli_namesTheFlagTheUserTyped() {
        StringWriter err = new StringWriter();
        int exit = Tally.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "sample",
                "cur",
                "--seed",
                "1",
                "--rows",
                "0",
                "--out",
                "x.parquet");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("tally: --rows 0: expected a number of line items from 1 to");
    }

    @Test
    void emulator_onABusyPort_isOneUsageLineNamingTheOption() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            int exit = Tally.run(
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(err),
                    "emulator",
                    "--port",
                    Integer.toString(busy.getLocalPort()));
            assertThat(exit).isEqualTo(2);
            assertThat(err.toString())
                    .isEqualTo("tally: --port " + busy.getLocalPort()
                            + ": already in use on 127.0.0.1 (pick another, or 0 for a free one)\n");
        }
    }
}
