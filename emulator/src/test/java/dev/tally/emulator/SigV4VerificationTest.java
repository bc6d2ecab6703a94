package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.emulator.auth.SessionCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Requests AWS would refuse are refused, with AWS's codes, and no secret in any message. */
class SigV4VerificationTest {
    private static final String INVOKE_BODY = """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[{"role":"user","content":"hello"}]}""";
    private static final String API_KEY = "bedrock-api-key-test-0123456789";
    private static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.builder()
                .apiKey(new ApiKey(API_KEY, "arn:aws:iam::123456789012:user/BedrockAPIKey-test"))
                .build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void wrongSecret_isSignatureDoesNotMatch_inStsAndInvalidSignature_inBedrock() {
        var wrong =
                AwsBasicCredentials.create(IamUser.DEFAULT.accessKeyId(), "not-the-secret-at-all-0000000000000000000");
        try (StsClient sts = Aws.sts(emulator.endpoint(), wrong)) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.getMessage()).doesNotContain("not-the-secret");
            });
        }
        try (BedrockRuntimeClient bedrock = Aws.bedrock(emulator.endpoint(), wrong)) {
            assertThatThrownBy(() -> invoke(bedrock)).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.statusCode()).isEqualTo(403);
            });
        }
    }

    @Test
    void unknownAccessKey_isInvalidClientTokenId_inStsAndUnrecognizedClient_inBedrock() {
        var unknown = AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", IamUser.DEFAULT.secretAccessKey());
        try (StsClient sts = Aws.sts(emulator.endpoint(), unknown)) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(
                            AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
        try (BedrockRuntimeClient bedrock = Aws.bedrock(emulator.endpoint(), unknown)) {
            assertThatThrownBy(() -> invoke(bedrock)).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                assertThat(e.statusCode()).isEqualTo(403);
            });
        }
    }

    @Test
    void requestSignedForAnotherService_namesTheServiceItDoesNotServe() throws Exception {
        String body = "Action=GetRole&Version=2010-05-08&RoleName=tally-dev";
        SdkHttpRequest signed = RawSigner.sign(
                URI.create(emulator.endpoint() + "/"),
                "iam",
                Aws.DEVELOPER,
                body,
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                Clock.systemUTC());
        HttpResponse<String> response = RawSigner.send(signed, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body())
                .contains("<Code>InvalidAction</Code>")
                .contains("does not serve iam")
                .contains("AWS_ENDPOINT_URL_IAM");
    }

    @Test
    void tamperedBody_isRefused() throws Exception {
        URI uri = URI.create(emulator.endpoint() + "/model/us.anthropic.claude-sonnet-4-6/invoke");
        SdkHttpRequest signed = RawSigner.sign(
                uri,
                "bedrock",
                Aws.DEVELOPER,
                INVOKE_BODY,
                Map.of("Content-Type", "application/json"),
                Clock.systemUTC());
        assertThat(RawSigner.send(signed, INVOKE_BODY).statusCode()).isEqualTo(200);
        HttpResponse<String> tampered = RawSigner.send(signed, INVOKE_BODY.replace("hello", "HELLO"));
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
    }

    @Test
    void requestSignedTwentyMinutesAgo_isRefusedAsExpiredSignature() throws Exception {
        URI uri = URI.create(emulator.endpoint() + "/model/us.anthropic.claude-sonnet-4-6/invoke");
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
        SdkHttpRequest signed = RawSigner.sign(
                uri, "bedrock", Aws.DEVELOPER, INVOKE_BODY, Map.of("Content-Type", "application/json"), past);
        HttpResponse<String> response = RawSigner.send(signed, INVOKE_BODY);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Signature expired");
    }

    @Test
    void temporaryKeyWithoutSessionToken_isInvalidClientTokenId() {
        SessionCredentials session =
                emulator.issueSessionCredentials("tally-dev", "no-token", Map.of(), Duration.ofHours(1));
        var withoutToken = AwsBasicCredentials.create(session.accessKeyId(), session.secretAccessKey());
        try (StsClient sts = Aws.sts(emulator.endpoint(), withoutToken)) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                assertThat(e.getMessage())
                        .doesNotContain(session.secretAccessKey())
                        .doesNotContain(session.sessionToken());
            });
        }
        var withToken =
                AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
        try (StsClient sts = Aws.sts(emulator.endpoint(), withToken)) {
            assertThat(sts.getCallerIdentity().arn())
                    .isEqualTo("arn:aws:sts::123456789012:assumed-role/tally-dev/no-token");
        }
    }

    @Test
    void expiredCredentials_areExpiredToken_inStsAndExpiredTokenException_inBedrock() {
        SessionCredentials session = emulator.issueSessionCredentials(
                "tally-dev", "expired", Map.of("Project", "p"), Duration.ofSeconds(-5));
        var creds =
                AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
        try (StsClient sts = Aws.sts(emulator.endpoint(), creds)) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(
                            AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken"));
        }
        try (BedrockRuntimeClient bedrock = Aws.bedrock(emulator.endpoint(), creds)) {
            assertThatThrownBy(() -> invoke(bedrock)).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
                assertThat(e.statusCode()).isEqualTo(403);
            });
        }
    }

    @Test
    void bearerApiKey_authenticatesBedrockOnly() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ok = HttpRequest.newBuilder(
                        URI.create(emulator.endpoint() + "/model/us.anthropic.claude-sonnet-4-6/invoke"))
                .header("Authorization", "Bearer " + API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(INVOKE_BODY))
                .build();
        assertThat(http.send(ok, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        HttpRequest bad = HttpRequest.newBuilder(ok.uri())
                .header("Authorization", "Bearer nope")
                .POST(HttpRequest.BodyPublishers.ofString(INVOKE_BODY))
                .build();
        HttpResponse<String> refused = http.send(bad, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("x-amzn-ErrorType")).contains("UnrecognizedClientException");
        HttpRequest sts = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
                .header("Authorization", "Bearer " + API_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15"))
                .build();
        HttpResponse<String> stsRefused = http.send(sts, HttpResponse.BodyHandlers.ofString());
        assertThat(stsRefused.statusCode()).isEqualTo(400);
        assertThat(stsRefused.body())
                .contains("<Code>IncompleteSignature</Code>")
                .doesNotContain(API_KEY);
    }

    @Test
    void unsignedRequest_isMissingAuthenticationToken() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        emulator.endpoint() + "/model/us.anthropic.claude-sonnet-4-6/invoke"))
                                .POST(HttpRequest.BodyPublishers.ofString(INVOKE_BODY))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
    }

    private static void invoke(BedrockRuntimeClient bedrock) {
        bedrock.invokeModel(
                r -> r.modelId("us.anthropic.claude-sonnet-4-6").body(SdkBytes.fromUtf8String(INVOKE_BODY)));
    }
}
