package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.Tag;

/** The AWS SDK for Java v2, unchanged, against the emulator. */
class SdkCompatibilityTest {
    private static final String MODEL = "us.anthropic.claude-sonnet-4-6";
    private static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void assumeRole_withTags_thenGetCallerIdentity_withTheSessionCredentials() {
        try (StsClient sts = Aws.sts(emulator.endpoint(), Aws.DEVELOPER)) {
            AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/tally-dev")
                    .roleSessionName("alice")
                    .durationSeconds(900)
                    .tags(
                            Tag.builder().key("Project").value("tally").build(),
                            Tag.builder().key("Team").value("ds").build()));
            assertThat(assumed.assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::123456789012:assumed-role/tally-dev/alice");
            assertThat(assumed.assumedRoleUser().assumedRoleId())
                    .startsWith("AROA")
                    .endsWith(":alice");
            assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA").hasSize(20);
            assertThat(assumed.credentials().expiration())
                    .isBetween(
                            java.time.Instant.now().plusSeconds(880),
                            java.time.Instant.now().plusSeconds(901));
            assertThat(assumed.packedPolicySize()).isPositive();

            try (StsClient asAlice = Aws.sts(emulator.endpoint(), Aws.session(assumed.credentials()))) {
                GetCallerIdentityResponse who = asAlice.getCallerIdentity();
                assertThat(who.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/tally-dev/alice");
                assertThat(who.account()).isEqualTo("123456789012");
                assertThat(who.userId()).isEqualTo(assumed.assumedRoleUser().assumedRoleId());
            }
            GetCallerIdentityResponse developer = sts.getCallerIdentity();
            assertThat(developer.arn()).isEqualTo("arn:aws:iam::123456789012:user/developer");
            assertThat(developer.userId()).startsWith("AIDA");
        }
        assertThat(emulator.calls().recentAssumeRoleCalls()).anySatisfy(c -> {
            assertThat(c.sessionName()).isEqualTo("alice");
            assertThat(c.tags()).containsEntry("Project", "tally").containsEntry("Team", "ds");
            assertThat(c.caller()).isEqualTo("arn:aws:iam::123456789012:user/developer");
        });
    }

    @Test
    void invokeModel_anthropicBody_returnsMessageAndTokenHeaders() {
        try (BedrockRuntimeClient bedrock = Aws.bedrock(emulator.endpoint(), Aws.DEVELOPER)) {
            String body = """
                    {"anthropic_version":"bedrock-2023-05-31","max_tokens":100,
                     "messages":[{"role":"user","content":"Say hello to the emulator"}]}""";
            InvokeModelResponse response = bedrock.invokeModel(
                    r -> r.modelId(MODEL).contentType("application/json").body(SdkBytes.fromUtf8String(body)));
            String json = response.body().asUtf8String();
            // "Say hello to the emulator" is 25 characters: ceil(25/4) = 7 input tokens.
            assertThat(json)
                    .contains("\"text\":\"Emulated reply to: Say hello to the emulator\"")
                    .contains("\"input_tokens\":7")
                    .contains("\"stop_reason\":\"end_turn\"");
            // The reply is 19 + 25 = 44 characters: 11 output tokens.
            assertThat(json).contains("\"output_tokens\":11");
            assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count"))
                    .contains("7");
            assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Output-Token-Count"))
                    .contains("11");
        }
    }

    @Test
    void invokeModel_withModelArnHoldingColonsAndSlashes_verifiesTheSignature() {
        try (BedrockRuntimeClient bedrock = Aws.bedrock(emulator.endpoint(), Aws.DEVELOPER)) {
            String arn =
                    "arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0";
            InvokeModelResponse response =
                    bedrock.invokeModel(r -> r.modelId(arn).body(SdkBytes.fromUtf8String("""
                    {"anthropic_version":"bedrock-2023-05-31","max_tokens":3,"messages":[{"role":"user","content":"Hi there, how are you today?"}]}""")));
            assertThat(response.body().asUtf8String())
                    .contains("\"stop_reason\":\"max_tokens\"")
                    .contains("\"output_tokens\":3");
        }
    }

    @Test
    void converse_returnsUsage() {
        try (BedrockRuntimeClient bedrock = Aws.bedrock(emulator.endpoint(), Aws.DEVELOPER)) {
            ConverseResponse response = bedrock.converse(r -> r.modelId("amazon.nova-lite-v1:0")
                    .messages(Message.builder()
                            .role(ConversationRole.USER)
                            .content(ContentBlock.fromText("What is 2+2?"))
                            .build()));
            assertThat(response.output().message().content().getFirst().text())
                    .isEqualTo("Emulated reply to: What is 2+2?");
            assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
            assertThat(response.usage().inputTokens()).isEqualTo(3);
            assertThat(response.usage().outputTokens()).isEqualTo(8);
            assertThat(response.usage().totalTokens()).isEqualTo(11);
        }
    }

    @Test
    void converseStream_deliversDeltasAndMetadataUsage() throws Exception {
        List<String> text = new CopyOnWriteArrayList<>();
        List<ConverseStreamMetadataEvent> metadata = new CopyOnWriteArrayList<>();
        List<String> order = new CopyOnWriteArrayList<>();
        try (BedrockRuntimeAsyncClient bedrock = Aws.bedrockAsync(emulator.endpoint(), Aws.DEVELOPER)) {
            bedrock.converseStream(
                            r -> r.modelId(MODEL)
                                    .messages(Message.builder()
                                            .role(ConversationRole.USER)
                                            .content(ContentBlock.fromText(
                                                    "Tell me a long story about a cost report please"))
                                            .build()),
                            ConverseStreamResponseHandler.builder()
                                    .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                                            .onMessageStart(e -> order.add("messageStart"))
                                            .onContentBlockDelta(e -> {
                                                order.add("delta");
                                                text.add(e.delta().text());
                                            })
                                            .onContentBlockStop(e -> order.add("contentBlockStop"))
                                            .onMessageStop(e -> order.add("messageStop:" + e.stopReasonAsString()))
                                            .onMetadata(e -> {
                                                order.add("metadata");
                                                metadata.add(e);
                                            })
                                            .build())
                                    .build())
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(String.join("", text))
                .isEqualTo("Emulated reply to: Tell me a long story about a cost report please");
        assertThat(order.getFirst()).isEqualTo("messageStart");
        assertThat(order.subList(order.size() - 3, order.size()))
                .containsExactly("contentBlockStop", "messageStop:end_turn", "metadata");
        assertThat(metadata).singleElement().satisfies(m -> {
            assertThat(m.usage().inputTokens()).isEqualTo(12);
            assertThat(m.usage().outputTokens()).isEqualTo(17);
        });
    }

    @Test
    void invokeModelWithResponseStream_deliversTheAnthropicEventSequence() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (BedrockRuntimeAsyncClient bedrock = Aws.bedrockAsync(emulator.endpoint(), Aws.DEVELOPER)) {
            bedrock.invokeModelWithResponseStream(
                            r -> r.modelId(MODEL).body(SdkBytes.fromUtf8String("""
                                    {"anthropic_version":"bedrock-2023-05-31","max_tokens":50,
                                     "messages":[{"role":"user","content":"Stream me something nice"}]}""")),
                            InvokeModelWithResponseStreamResponseHandler.builder()
                                    .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                                            .onChunk(c -> events.add(c.bytes().asUtf8String()))
                                            .build())
                                    .build())
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(events.getFirst()).contains("\"type\":\"message_start\"").contains("\"input_tokens\":6");
        assertThat(events.get(1)).contains("\"type\":\"content_block_start\"");
        assertThat(events.get(events.size() - 3)).contains("\"type\":\"content_block_stop\"");
        assertThat(events.get(events.size() - 2))
                .contains("\"type\":\"message_delta\"")
                .contains("\"output_tokens\":11");
        assertThat(events.getLast())
                .contains("\"type\":\"message_stop\"")
                .contains("\"amazon-bedrock-invocationMetrics\"")
                .contains("\"inputTokenCount\":6")
                .contains("\"outputTokenCount\":11");
        StringBuilder text = new StringBuilder();
        events.stream()
                .filter(e -> e.contains("text_delta"))
                .forEach(e -> text.append(e.replaceAll(".*\"text\":\"([^\"]*)\".*", "$1")));
        assertThat(text.toString()).isEqualTo("Emulated reply to: Stream me something nice");
    }
}
