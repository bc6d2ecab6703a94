package dev.tally.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/** The one translation of SDK failures, driven by the real SDK clients against canned loopback answers. */
class AwsCallTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void accessDenied_isAFailureNamingTheIamActionAndNoSecret() {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                + "<Message>Access Denied</Message><RequestId>R1</RequestId></Error>";
        try (CannedEndpoint s3 = CannedEndpoint.answering(403, "application/xml", body)) {
            TallyException e = s3Failure(s3.uri());
            assertThat(e.kind()).isEqualTo(ErrorKind.FAILURE);
            assertThat(e.getMessage())
                    .isEqualTo("S3 refused ListObjectsV2 on s3://bills/cur/: the caller lacks s3:ListBucket"
                            + " (AccessDenied: Access Denied)")
                    .doesNotContain(SECRET);
        }
    }

    @Test
    void noSuchBucket_isTheUsersInput() {
        String body = "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>";
        try (CannedEndpoint s3 = CannedEndpoint.answering(404, "application/xml", body)) {
            assertThat(s3Failure(s3.uri()).kind()).isEqualTo(ErrorKind.USAGE);
        }
    }

    @Test
    void noCredentialsAnywhere_isOneShortLine_notTheChainsAccountOfEveryProvider() {
        // The SDK's default chain, when no provider has credentials: its message names each provider and why.
        AwsCredentialsProvider none = AwsCredentialsProviderChain.of(
                () -> {
                    throw SdkClientException.create("Unable to load credentials from system settings.");
                },
                () -> {
                    throw SdkClientException.create("Profile file contained no credentials for profile 'default'");
                });
        try (CannedEndpoint s3 = CannedEndpoint.answering(200, "application/xml", "<ListBucketResult/>");
                S3Client client = S3Client.builder()
                        .endpointOverride(s3.uri())
                        .forcePathStyle(true)
                        .region(Region.US_EAST_1)
                        .httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(none)
                        .build()) {
            TallyException e = failure(
                    AwsCall.of("S3", "ListObjectsV2 on s3://bills/cur/", "s3:ListBucket"),
                    () -> client.listObjectsV2(b -> b.bucket("bills").prefix("cur/")));
            assertThat(e.getMessage())
                    .isEqualTo("S3 ListObjectsV2 on s3://bills/cur/ failed (no AWS credentials found: set AWS_PROFILE"
                            + " (then aws sso login for an SSO profile) or AWS_ACCESS_KEY_ID and"
                            + " AWS_SECRET_ACCESS_KEY)");
            assertThat(e.kind()).isEqualTo(ErrorKind.FAILURE);
        }
    }

    @Test
    void expiredToken_isBadCredentials() {
        String body = "<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code>"
                + "<Message>The security token included in the request is expired</Message></Error></ErrorResponse>";
        try (CannedEndpoint sts = CannedEndpoint.answering(403, "text/xml", body)) {
            TallyException e = stsFailure(sts.uri());
            assertThat(AwsFailure.of((SdkException) e.getCause()).cause()).isEqualTo(AwsFailure.Cause.BAD_CREDENTIALS);
            assertThat(e.getMessage()).startsWith("STS rejected the credentials for GetCallerIdentity (ExpiredToken:");
        }
    }

    @Test
    void operationTheEndpointDoesNotServe_isNotServedRatherThanAPermission() {
        String body = "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code>"
                + "<Message>tally emulator does not serve sts</Message></Error></ErrorResponse>";
        try (CannedEndpoint sts = CannedEndpoint.answering(400, "text/xml", body)) {
            TallyException e = stsFailure(sts.uri());
            assertThat(AwsFailure.of((SdkException) e.getCause()).cause()).isEqualTo(AwsFailure.Cause.NOT_SERVED);
            assertThat(e.kind()).isEqualTo(ErrorKind.FAILURE);
            assertThat(e.getMessage())
                    .isEqualTo("the endpoint for STS does not serve GetCallerIdentity"
                            + " (InvalidAction: tally emulator does not serve sts)");
        }
    }

    @Test
    void webServerThatIsNotAws_isNamedWithWhatCameBack() {
        String page = "<html><head><title>404 Not Found</title></head><body>nginx</body></html>";
        try (CannedEndpoint web = CannedEndpoint.answering(404, "text/html", page)) {
            TallyException e = stsFailure(web.uri());
            assertThat(e.kind()).isEqualTo(ErrorKind.FAILURE);
            assertThat(e.getMessage())
                    .isEqualTo("the endpoint for STS is not STS: GetCallerIdentity got it answered HTTP 404"
                            + " (text/html: <html><head><title>404 Not Found</title></head><body>nginx</body></html>)");
        }
    }

    @Test
    void webServerAnswering200_isNotAws() {
        try (CannedEndpoint web = CannedEndpoint.answering(200, "text/html", "<html><body>It works!</body></html>");
                StsClient sts = sts(web.uri())) {
            var answer = sts.getCallerIdentity();
            assertThat(answer.arn()).isNull();
            AwsFailure f = AwsFailure.emptyAnswer(answer);
            assertThat(f.cause()).isEqualTo(AwsFailure.Cause.NOT_AWS);
            assertThat(AwsCall.of("STS", "GetCallerIdentity", "sts:GetCallerIdentity")
                            .failure(f, null)
                            .getMessage())
                    .isEqualTo("the endpoint for STS is not STS: GetCallerIdentity got it answered HTTP 200"
                            + " (text/html) without the fields of an AWS answer");
        }
    }

    @Test
    void closedPort_isUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TallyException e = stsFailure(URI.create("http://127.0.0.1:" + port));
        assertThat(e.kind()).isEqualTo(ErrorKind.FAILURE);
        assertThat(e.getMessage()).startsWith("cannot reach STS for GetCallerIdentity (ConnectException");
    }

    private static TallyException s3Failure(URI endpoint) {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials())
                .build()) {
            return failure(
                    AwsCall.of("S3", "ListObjectsV2 on s3://bills/cur/", "s3:ListBucket"),
                    () -> s3.listObjectsV2(b -> b.bucket("bills").prefix("cur/")));
        }
    }

    private static StsClient sts(URI endpoint) {
        return StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    private static TallyException stsFailure(URI endpoint) {
        try (StsClient sts = sts(endpoint)) {
            return failure(AwsCall.of("STS", "GetCallerIdentity", "sts:GetCallerIdentity"), sts::getCallerIdentity);
        }
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", SECRET));
    }

    private static TallyException failure(AwsCall call, Runnable body) {
        try {
            call.run(body);
        } catch (TallyException e) {
            return e;
        }
        throw new AssertionError("the call did not fail");
    }
}
