package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.TallyException;
import dev.tally.emulator.fault.FaultSpec;
import dev.tally.emulator.fault.LatencySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/** Seeded faults reproduce; streams cut with an exception frame; latency shapes streams. */
class FaultInjectionTest {
    private static final String KEY = "fault-key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String INVOKE = """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"messages":[{"role":"user","content":"fault me please, with a longer text"}]}""";

    @Test
    void sameSeed_sameSequenceOfOutcomes() throws Exception {
        String spec = "seed=42,throttle=0.2,error=0.2,stream-cut=0.3";
        List<String> first = outcomes(spec);
        List<String> second = outcomes(spec);
        assertThat(first).isEqualTo(second);
        assertThat(first)
                .contains("200", "429 ThrottlingException", "cut modelStreamErrorException")
                .anyMatch(s ->
                        s.startsWith("503 ServiceUnavailableException") || s.startsWith("500 InternalServerException"));
        assertThat(outcomes("seed=7,throttle=0.2,error=0.2,stream-cut=0.3")).isNotEqualTo(first);
    }

    @Test
    void stsThrottle_answersThrottlingWithHttp400() {
        try (Emulator emulator = Emulator.start(EmulatorConfig.builder()
                        .faults(FaultSpec.parse("seed=1,sts-throttle=1"))
                        .build());
                var sts = Aws.sts(emulator.endpoint(), Aws.DEVELOPER)) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(software.amazon.awssdk.awscore.exception.AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                    });
        }
    }

    @Test
    void latency_delaysTheFirstTokenAndPacesTheRest() throws Exception {
        try (Emulator emulator = Emulator.start(EmulatorConfig.builder()
                .latency(LatencySpec.parse("ttft=300ms,tps=200"))
                .apiKey(new ApiKey(KEY, "arn:aws:iam::123456789012:user/faults"))
                .build())) {
            long start = System.nanoTime();
            HttpResponse<byte[]> r = post(emulator.endpoint(), "invoke-with-response-stream");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.statusCode()).isEqualTo(200);
            // 300 ms to the first token, then 14 output tokens at 200 per second: at least 370 ms in all.
            assertThat(millis).isGreaterThanOrEqualTo(370);
        }
    }

    @Test
    void badSpecs_areOneLineUsageErrors() {
        assertThatThrownBy(() -> FaultSpec.parse("throttle=2"))
                .isInstanceOf(TallyException.class)
                .hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> FaultSpec.parse("bogus=1"))
                .isInstanceOf(TallyException.class)
                .hasMessageContaining("unknown key 'bogus'");
        assertThatThrownBy(() -> LatencySpec.parse("ttft=fast"))
                .isInstanceOf(TallyException.class)
                .hasMessageContaining("300ms");
        assertThatThrownBy(() -> dev.tally.emulator.clock.ClockSpec.parse("start=yesterday"))
                .isInstanceOf(TallyException.class)
                .hasMessageContaining("ISO instant");
    }

    private static List<String> outcomes(String spec) throws Exception {
        List<String> out = new ArrayList<>();
        try (Emulator emulator = Emulator.start(EmulatorConfig.builder()
                .faults(FaultSpec.parse(spec))
                .apiKey(new ApiKey(KEY, "arn:aws:iam::123456789012:user/faults"))
                .build())) {
            for (int i = 0; i < 30; i++) {
                HttpResponse<byte[]> r =
                        post(emulator.endpoint(), i % 2 == 0 ? "invoke" : "invoke-with-response-stream");
                if (r.statusCode() != 200) {
                    out.add(r.statusCode() + " "
                            + r.headers().firstValue("x-amzn-ErrorType").orElse("?"));
                } else if (i % 2 == 1) {
                    List<Message> frames = new ArrayList<>();
                    new MessageDecoder(frames::add).feed(r.body());
                    Message last = frames.getLast();
                    out.add(
                            last.getHeaders().get(":message-type").getString().equals("exception")
                                    ? "cut "
                                            + last.getHeaders()
                                                    .get(":exception-type")
                                                    .getString()
                                    : "200");
                } else {
                    out.add("200");
                }
            }
        }
        return out;
    }

    private static HttpResponse<byte[]> post(URI endpoint, String action) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(endpoint + "/model/us.anthropic.claude-sonnet-4-6/" + action))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(INVOKE))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
