package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.emulator.http.LoopbackServer;
import dev.tally.emulator.http.Reply;
import dev.tally.emulator.inspect.CallLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The emulator tells on itself: its own bugs are logged and recorded, and oversized bodies are refused unread. */
class LoopbackServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void exceptionInsideTheEmulator_isAnswered500_andReportedWithItsCause() throws Exception {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        CallLog log = new CallLog();
        try (LoopbackServer server = new LoopbackServer(
                0,
                exchange -> {
                    throw new IllegalStateException("a bug in a handler");
                },
                (method, path, bug) -> {
                    reported.add(bug);
                    log.internalError(method, path, bug);
                })) {
            server.start();
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.endpoint() + "/model/x/invoke"))
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(reported).singleElement().satisfies(t -> assertThat(t).hasMessage("a bug in a handler"));
            JsonNode recorded = JSON.valueToTree(log.snapshot()).get("internalErrors");
            assertThat(recorded).hasSize(1);
            assertThat(recorded.get(0).get("exception").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(recorded.get(0).get("path").asText()).isEqualTo("/model/x/invoke");
            assertThat(recorded.get(0).get("at").asText()).contains("LoopbackServerTest");
        }
    }

    @Test
    void emulator_logsItsOwnBugWithTheStackTrace_andListsItInCalls() throws Exception {
        // The emulator's wiring: the diagnostics stream gets the trace, /_emulator/calls the record.
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(diagnostics, true, StandardCharsets.UTF_8);
        try (Emulator emulator = Emulator.start(EmulatorConfig.builder().build(), out)) {
            emulator.reportBug("GET", "/x", new IllegalStateException("seen"));
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/_emulator/calls"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode errors = JSON.readTree(r.body()).get("internalErrors");
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).get("message").asText()).isEqualTo("seen");
        }
        assertThat(diagnostics.toString(StandardCharsets.UTF_8))
                .contains("tally emulator: internal error on GET /x:")
                .contains("java.lang.IllegalStateException: seen")
                .contains("at dev.tally.emulator.LoopbackServerTest");
    }

    @Test
    void bodyOverTheLimit_isRefusedWith413BeforeItIsRead() throws Exception {
        try (LoopbackServer server = new LoopbackServer(
                0, exchange -> exchange.reply(Reply.json(200, new byte[0], Map.of())), (m, p, bug) -> {})) {
            server.start();
            try (Socket socket = new Socket("127.0.0.1", server.endpoint().getPort())) {
                socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
                // The length is declared and a few bytes sent: an answer now means the body was never awaited.
                socket.getOutputStream()
                        .write(("POST /model/x/invoke HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                        + "Content-Length: " + (LoopbackServer.MAX_BODY + 1L) + "\r\n\r\n{\"a\":")
                                .getBytes(StandardCharsets.US_ASCII));
                byte[] head = socket.getInputStream().readNBytes(12);
                assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
            }
        }
    }
}
