package dev.tally.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.core.price.PriceCatalog;
import dev.tally.core.usage.PricingModel;
import dev.tally.ledger.TokenCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Golden files: a Bedrock answer in (a JSON body, or stream events that the AWS event-stream codec frames), the
 * tokens by billed type, pricing model and completeness out. Each case is {@code NAME.response.json} or
 * {@code NAME.frames.jsonl}, an optional {@code NAME.request.json} (cache TTLs and tier the request asked for) and
 * {@code NAME.expected.txt}, under {@code src/test/resources/metering}.
 */
class MeteringGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("src/test/resources/metering");

    @TestFactory
    Stream<DynamicTest> everyFixture_meters_asItsExpectedFileSays() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".expected.txt"))
                    .sorted()
                    .map(n -> n.substring(0, n.length() - ".expected.txt".length()))
                    .map(name -> DynamicTest.dynamicTest(
                            name,
                            () -> assertThat(meter(name))
                                    .isEqualTo(read(name + ".expected.txt").strip())))
                    .toList()
                    .stream();
        }
    }

    @Test
    void cost_pricesEachTokenTypeApart_byTheCatalogsTier() {
        Pricer pricer = new Pricer(PriceCatalog.builtIn());
        // Sonnet 4.6: 3 in, 15 out per million; cache read 0.1x, 5m write 1.25x, 1h write 2x of input.
        TokenCounts t = new TokenCounts(1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000);
        assertThat(pricer.cost("Claude4.6Sonnet", t, PricingModel.ON_DEMAND))
                .isEqualByComparingTo(new BigDecimal("3")
                        .add(new BigDecimal("15"))
                        .add(new BigDecimal("0.3"))
                        .add(new BigDecimal("3.75"))
                        .add(new BigDecimal("6")));
        assertThat(pricer.cost("Claude4.6Sonnet", new TokenCounts(1_000_000, 0, 0, 0, 0), PricingModel.PRIORITY))
                .isEqualByComparingTo("5.25");
        assertThat(pricer.cost("NoSuchModel", t, PricingModel.ON_DEMAND)).isZero();
        assertThat(pricer.canonicalModel(
                        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0"))
                .isEqualTo("Claude4.5Haiku");
    }

    private static String meter(String name) throws IOException {
        RequestHints hints = Files.exists(DIR.resolve(name + ".request.json"))
                ? RequestHints.of(JSON.readTree(read(name + ".request.json")), h -> null)
                : RequestHints.NONE;
        if (Files.exists(DIR.resolve(name + ".frames.jsonl"))) {
            StreamMeter meter = new StreamMeter();
            int closing = 0;
            for (String line : read(name + ".frames.jsonl").strip().split("\n")) {
                if (meter.accept(Message.decode(frame(JSON.readTree(line))))) {
                    closing++;
                }
            }
            TokenTally tally = meter.tally();
            return counts(tally.counts(hints)) + " pricing="
                    + tally.pricingModel(hints).label() + " final=" + meter.finalUsage() + " exception="
                    + meter.exception().orElse("none") + " closing=" + closing;
        }
        JsonNode body = JSON.readTree(read(name + ".response.json"));
        TokenTally tally =
                name.startsWith("converse") ? BodyMeter.converse(body, h -> null) : BodyMeter.invoke(body, h -> null);
        return counts(tally.counts(hints)) + " pricing="
                + tally.pricingModel(hints).label() + " reported=" + tally.reported();
    }

    /** One event as Bedrock frames it: chunk payloads base64-wrapped, Converse events as they are, exceptions. */
    private static ByteBuffer frame(JsonNode line) throws IOException {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        byte[] payload;
        if (line.has("exception")) {
            headers.put(":message-type", HeaderValue.fromString("exception"));
            headers.put(
                    ":exception-type",
                    HeaderValue.fromString(line.get("exception").asText()));
            payload = JSON.writeValueAsBytes(line.get("data"));
        } else {
            headers.put(":message-type", HeaderValue.fromString("event"));
            headers.put(":event-type", HeaderValue.fromString(line.get("event").asText()));
            byte[] data = JSON.writeValueAsBytes(line.get("data"));
            payload = line.get("event").asText().equals("chunk")
                    ? JSON.writeValueAsBytes(Map.of("bytes", Base64.getEncoder().encodeToString(data)))
                    : data;
        }
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        return new Message(headers, payload).toByteBuffer();
    }

    private static String counts(TokenCounts t) {
        return "input=" + t.input() + " output=" + t.output() + " cacheRead=" + t.cacheRead() + " cacheWrite5m="
                + t.cacheWrite5m() + " cacheWrite1h=" + t.cacheWrite1h();
    }

    private static String read(String file) {
        try {
            return Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
