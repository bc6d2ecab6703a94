package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Bedrock's error shapes, token rules, CountTokens, the control plane and the inspection endpoint. */
class BedrockApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "api-test-key-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Emulator emulator;
    private static BedrockRuntimeClient bedrock;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.builder()
                .apiKey(new ApiKey(KEY, "arn:aws:iam::123456789012:user/api"))
                .build());
        bedrock = Aws.bedrock(emulator.endpoint(), Aws.DEVELOPER);
    }

    @AfterAll
    static void stop() {
        bedrock.close();
        emulator.close();
    }

    @Test
    void unknownModel_isResourceNotFound404() {
        assertThatThrownBy(() ->
                        bedrock.invokeModel(r -> r.modelId("meta.llama-nope").body(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOfSatisfying(
                        ResourceNotFoundException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void anthropicBodyWithoutMaxTokens_isValidationException400() {
        assertThatThrownBy(() -> bedrock.invokeModel(
                        r -> r.modelId("anthropic.claude-sonnet-4-6").body(SdkBytes.fromUtf8String("""
                {"anthropic_version":"bedrock-2023-05-31","messages":[{"role":"user","content":"x"}]}"""))))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("required key [max_tokens] not found");
                });
        assertThatThrownBy(() -> bedrock.invokeModel(
                        r -> r.modelId("anthropic.claude-sonnet-4-6").body(SdkBytes.fromUtf8String("not json"))))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void oneHourCacheControl_writesThenReads() throws Exception {
        String body = """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":10,
                 "system":[{"type":"text","text":"0123456789012345678901234567890123456789","cache_control":{"type":"ephemeral","ttl":"1h"}}],
                 "messages":[{"role":"user","content":"abcd"}]}""";
        JsonNode first = usage(body);
        JsonNode second = usage(body);
        assertThat(first.get("cache_creation_input_tokens").asLong()).isEqualTo(10);
        assertThat(first.get("cache_read_input_tokens").asLong()).isZero();
        assertThat(first.get("input_tokens").asLong()).isEqualTo(1);
        assertThat(second.get("cache_creation_input_tokens").asLong()).isZero();
        assertThat(second.get("cache_read_input_tokens").asLong()).isEqualTo(10);
    }

    @Test
    void countTokens_countsWithoutBilling() throws Exception {
        String inner = JSON.writeValueAsString("""
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[{"role":"user","content":"twelve chars"}]}""");
        HttpResponse<String> r = send(
                "POST",
                "/model/us.anthropic.claude-sonnet-4-6/count-tokens",
                "{\"input\":{\"invokeModel\":{\"body\":" + inner + "}}}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("inputTokens").asLong()).isEqualTo(3);
    }

    @Test
    void controlPlane_listsProfilesAndModelsFromTheCatalog() throws Exception {
        HttpResponse<String> profiles = send("GET", "/inference-profiles?type=SYSTEM_DEFINED", null);
        assertThat(profiles.statusCode()).isEqualTo(200);
        JsonNode list = JSON.readTree(profiles.body()).get("inferenceProfileSummaries");
        assertThat(list.findValuesAsText("inferenceProfileId"))
                .contains(
                        "us.anthropic.claude-sonnet-4-6", "global.anthropic.claude-sonnet-4-6", "us.amazon.nova-lite");
        assertThat(JSON.readTree(send("GET", "/inference-profiles?type=APPLICATION", null)
                                .body())
                        .get("inferenceProfileSummaries"))
                .isEmpty();
        HttpResponse<String> one = send("GET", "/inference-profiles/us.anthropic.claude-sonnet-4-6", null);
        assertThat(JSON.readTree(one.body()).get("inferenceProfileArn").asText())
                .isEqualTo("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6");
        assertThat(send("GET", "/inference-profiles/us.nope", null).statusCode())
                .isEqualTo(404);
        JsonNode models =
                JSON.readTree(send("GET", "/foundation-models", null).body()).get("modelSummaries");
        assertThat(models.findValuesAsText("modelId")).contains("anthropic.claude-opus-4-6", "amazon.nova-micro");
    }

    @Test
    void inspection_countsCallsPerApi_andHoldsNoSecret() throws Exception {
        try (var sts = Aws.sts(emulator.endpoint(), Aws.DEVELOPER)) {
            sts.assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/tally-dev")
                    .roleSessionName("inspected")
                    .tags(software.amazon.awssdk.services.sts.model.Tag.builder()
                            .key("Project")
                            .value("seen")
                            .build()));
        }
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/_emulator/calls"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode calls = JSON.readTree(r.body());
        assertThat(calls.at("/counts/sts:AssumeRole").asLong()).isPositive();
        assertThat(calls.get("assumeRole").findValuesAsText("sessionName")).contains("inspected");
        assertThat(r.body())
                .doesNotContain(IamUser.DEFAULT.secretAccessKey())
                .doesNotContain(KEY)
                .doesNotContain("SessionToken");
    }

    private static JsonNode usage(String body) throws Exception {
        return JSON.readTree(bedrock.invokeModel(
                                r -> r.modelId("us.anthropic.claude-opus-4-6").body(SdkBytes.fromUtf8String(body)))
                        .body()
                        .asUtf8String())
                .get("usage");
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(emulator.endpoint() + path)).header("Authorization", "Bearer " + KEY);
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
