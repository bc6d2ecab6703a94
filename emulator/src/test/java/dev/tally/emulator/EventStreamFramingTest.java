package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/** The raw stream bytes, decoded by AWS's own event-stream library (an implementation independent of ours). */
class EventStreamFramingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "framing-key";
    private static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.builder()
                .apiKey(new ApiKey(KEY, "arn:aws:iam::123456789012:user/framing"))
                .build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void invokeWithResponseStream_framesDecodeWithValidCrcsAndBedrockHeaders() throws Exception {
        HttpResponse<byte[]> response = post("/model/us.anthropic.claude-sonnet-4-6/invoke-with-response-stream", """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"messages":[{"role":"user","content":"frame me"}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/vnd.amazon.eventstream");
        byte[] bytes = response.body();
        assertPreludeCrcs(bytes);

        List<Message> messages = decode(bytes);
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.getHeaders().get(":message-type").getString()).isEqualTo("event");
            assertThat(m.getHeaders().get(":event-type").getString()).isEqualTo("chunk");
            assertThat(m.getHeaders().get(":content-type").getString()).isEqualTo("application/json");
        });
        List<String> types = new ArrayList<>();
        JsonNode last = null;
        for (Message m : messages) {
            JsonNode payload = JSON.readTree(m.getPayload());
            last = JSON.readTree(Base64.getDecoder().decode(payload.get("bytes").asText()));
            types.add(last.get("type").asText());
        }
        assertThat(types.getFirst()).isEqualTo("message_start");
        assertThat(types)
                .containsSubsequence(
                        "message_start",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        assertThat(last.at("/amazon-bedrock-invocationMetrics/inputTokenCount").asLong())
                .isEqualTo(2);
        assertThat(last.at("/amazon-bedrock-invocationMetrics/outputTokenCount").asLong())
                .isEqualTo(7);
    }

    @Test
    void converseStream_eventTypesAreTheConverseOnes() throws Exception {
        HttpResponse<byte[]> response = post("/model/amazon.nova-pro-v1:0/converse-stream", """
                {"messages":[{"role":"user","content":[{"text":"hello nova"}]}]}""");
        List<String> eventTypes = decode(response.body()).stream()
                .map(m -> m.getHeaders().get(":event-type").getString())
                .toList();
        assertThat(eventTypes.getFirst()).isEqualTo("messageStart");
        assertThat(eventTypes.subList(1, eventTypes.size() - 3)).isNotEmpty().allMatch("contentBlockDelta"::equals);
        assertThat(eventTypes.subList(eventTypes.size() - 3, eventTypes.size()))
                .containsExactly("contentBlockStop", "messageStop", "metadata");
    }

    private static List<Message> decode(byte[] bytes) {
        List<Message> messages = new ArrayList<>();
        MessageDecoder decoder = new MessageDecoder(messages::add);
        decoder.feed(bytes);
        return messages;
    }

    /** Our own check of the first prelude, beside the library's validation of every message. */
    private static void assertPreludeCrcs(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int total = b.getInt(0);
        CRC32 prelude = new CRC32();
        prelude.update(bytes, 0, 8);
        assertThat(b.getInt(8)).isEqualTo((int) prelude.getValue());
        CRC32 message = new CRC32();
        message.update(bytes, 0, total - 4);
        assertThat(b.getInt(total - 4)).isEqualTo((int) message.getValue());
    }

    private static HttpResponse<byte[]> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(emulator.endpoint() + path))
                                .header("Authorization", "Bearer " + KEY)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }
}
