package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The emulator's own endpoints, read by an independent JSON parser. */
class InspectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.builder().build(), System.err);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void unknownEndpoint_answersJsonThatQuotesThePathEscaped() throws Exception {
        // A quote and a backslash sent as they are (Jetty's lenient URI compliance lets them through): concatenated
        // into the body, they broke its JSON.
        String answer;
        try (Socket socket = new Socket("127.0.0.1", emulator.endpoint().getPort())) {
            socket.getOutputStream()
                    .write("GET /_emulator/x\"\\y HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(answer).startsWith("HTTP/1.1 404");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(JSON.readTree(body).get("message").asText())
                .isEqualTo(
                        "unknown emulator endpoint GET /_emulator/x\"\\y (GET /_emulator/calls, POST /_emulator/flush)");
    }
}
