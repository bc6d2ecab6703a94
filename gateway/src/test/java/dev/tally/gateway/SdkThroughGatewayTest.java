package dev.tally.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.ledger.Outcome;
import dev.tally.ledger.TokenCounts;
import dev.tally.ledger.UsageEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.token.credentials.StaticTokenProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * The AWS SDK for Java v2's Bedrock clients, with a bearer token (as {@code AWS_BEARER_TOKEN_BEDROCK} gives them),
 * pointed at the gateway: every call succeeds upstream under the user's own assumed-role session, and the ledger's
 * tokens equal the ones the client saw.
 */
class SdkThroughGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SONNET = "us.anthropic.claude-sonnet-4-6";
    private static final String SONNET_ARN =
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6";

    static GatewayHarness harness;
    static String key;
    static BedrockRuntimeClient sync;
    static BedrockRuntimeAsyncClient async;

    @BeforeAll
    static void start() {
        harness = new GatewayHarness();
        key = harness.ledger.create("alice", Map.of("Team", "platform", "Project", "checkout"));
        var bearer = List.of(
                AuthSchemeOption.builder().schemeId("smithy.api#httpBearerAuth").build());
        sync = BedrockRuntimeClient.builder()
                .endpointOverride(harness.endpoint())
                .region(Region.US_EAST_1)
                .tokenProvider(StaticTokenProvider.create(() -> key))
                .authSchemeProvider(p -> bearer)
                .build();
        async = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(harness.endpoint())
                .region(Region.US_EAST_1)
                .tokenProvider(StaticTokenProvider.create(() -> key))
                .authSchemeProvider(p -> bearer)
                .httpClient(NettyNioAsyncHttpClient.builder()
                        .protocol(software.amazon.awssdk.http.Protocol.HTTP1_1)
                        .build())
                .build();
    }

    @AfterAll
    static void stop() {
        sync.close();
        async.close();
        harness.close();
    }

    @Test
    void converse_tokensInTheLedgerEqualWhatTheClientSaw() {
        ConverseResponse r = sync.converse(b -> b.modelId(SONNET)
                .messages(Message.builder()
                        .role("user")
                        .content(ContentBlock.fromText("Hello from the SDK"))
                        .build()));
        UsageEvent e = lastEvent("converse");
        TokenUsage u = r.usage();
        assertThat(e.tokens()).isEqualTo(new TokenCounts(u.inputTokens(), u.outputTokens(), 0, 0, 0));
        assertThat(e.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(e.estimated()).isFalse();
        assertThat(e.model()).isEqualTo("Claude4.6Sonnet");
        assertThat(e.sessionArn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/tally-dev/gw-alice");
        assertThat(e.tags()).containsEntry("User", "alice").containsEntry("Team", "platform");
        assertThat(e.cost()).isPositive();
    }

    @Test
    void invoke_withAnUrlEncodedArn_isForwardedAsSentAndMeteredUnderTheCanonicalModel() throws Exception {
        String body = """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":64,
                 "messages":[{"role":"user","content":"An ARN as the model id"}]}""";
        InvokeModelResponse r = sync.invokeModel(b -> b.modelId(SONNET_ARN).body(SdkBytes.fromUtf8String(body)));
        JsonNode usage = JSON.readTree(r.body().asByteArray()).path("usage");
        UsageEvent e = lastEvent("invoke");
        assertThat(e.modelId()).isEqualTo(SONNET_ARN);
        assertThat(e.model()).isEqualTo("Claude4.6Sonnet");
        assertThat(e.tokens().input()).isEqualTo(usage.path("input_tokens").asLong());
        assertThat(e.tokens().output()).isEqualTo(usage.path("output_tokens").asLong());
    }

    @Test
    void converseStream_tokensInTheLedgerEqualTheStreamsMetadata() {
        AtomicReference<TokenUsage> seen = new AtomicReference<>();
        StringBuilder text = new StringBuilder();
        async.converseStream(
                        b -> b.modelId(SONNET)
                                .messages(Message.builder()
                                        .role("user")
                                        .content(ContentBlock.fromText("Stream me a reply through the gateway"))
                                        .build()),
                        ConverseStreamResponseHandler.builder()
                                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                                        .onContentBlockDelta(
                                                d -> text.append(d.delta().text()))
                                        .onMetadata(m -> seen.set(m.usage()))
                                        .build())
                                .build())
                .join();
        UsageEvent e = lastEvent("converse-stream");
        assertThat(text.toString()).startsWith("Emulated reply to: Stream me a reply");
        assertThat(e.tokens().input()).isEqualTo(seen.get().inputTokens().longValue());
        assertThat(e.tokens().output()).isEqualTo(seen.get().outputTokens().longValue());
        assertThat(e.estimated()).isFalse();
        assertThat(e.timeToFirstToken()).isPresent();
    }

    @Test
    void invokeStream_tokensInTheLedgerEqualTheInvocationMetrics() throws Exception {
        String body = """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":200,
                 "messages":[{"role":"user","content":"Stream an invoke through the gateway please"}]}""";
        List<JsonNode> events = new ArrayList<>();
        async.invokeModelWithResponseStream(
                        b -> b.modelId(SONNET).body(SdkBytes.fromUtf8String(body)),
                        InvokeModelWithResponseStreamResponseHandler.builder()
                                .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                                        .onChunk(c -> events.add(parse(c.bytes().asByteArray())))
                                        .build())
                                .build())
                .join();
        JsonNode metrics = events.getLast().path("amazon-bedrock-invocationMetrics");
        UsageEvent e = lastEvent("invoke-stream");
        assertThat(e.tokens().input()).isEqualTo(metrics.path("inputTokenCount").asLong());
        assertThat(e.tokens().output())
                .isEqualTo(metrics.path("outputTokenCount").asLong());
        assertThat(e.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(e.estimated()).isFalse();
    }

    @Test
    void controlPlane_listsProfilesThroughTheGateway() throws Exception {
        var r = harness.get("/inference-profiles?type=SYSTEM_DEFINED", key);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("inferenceProfileSummaries").size())
                .isPositive();
        var one = harness.get("/inference-profiles/" + SONNET, key);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(lastEvent("get-inference-profile").user()).isEqualTo("alice");
    }

    @Test
    void countTokens_isForwarded_andRecordedWithoutTokens() throws Exception {
        var r = harness.post("/model/" + SONNET + "/count-tokens", key, """
                {"input":{"converse":{"messages":[{"role":"user","content":[{"text":"count these words"}]}]}}}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("inputTokens").asLong()).isPositive();
        UsageEvent e = lastEvent("count-tokens");
        assertThat(e.tokens()).isEqualTo(TokenCounts.NONE);
        assertThat(e.cost()).isZero();
    }

    private static UsageEvent lastEvent(String operation) {
        return harness.ledger.events().stream()
                .filter(e -> e.operation().equals(operation))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + operation + " event in " + harness.ledger.events()));
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
