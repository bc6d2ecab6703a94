package dev.tally.gateway.proxy;

import static java.util.Objects.requireNonNull;

import dev.tally.gateway.session.SessionCredentials;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signs an upstream request with SigV4 for a user's session, by the AWS SDK's own signer (the emulator's verifier
 * then checks it independently). The path is signed as sent, encoded once more the way every non-S3 SDK signs
 * it, so a model ARN's {@code %3A} is {@code %253A} in the canonical request, as Bedrock expects.
 */
final class UpstreamSigner {
    /** Bedrock runtime and control plane both sign as {@code bedrock}. */
    private static final String SERVICE = "bedrock";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final String region;

    UpstreamSigner(String region) {
        this.region = requireNonNull(region, "region is null");
    }

    /**
     * The request to send: the headers given and the body's length, signed, plus the signature's own headers
     * ({@code Authorization}, dates, session token). The HTTP client takes the length from the request and sends it
     * as signed, as every AWS SDK does.
     */
    SdkHttpRequest signed(
            SdkHttpMethod method, URI uri, Map<String, String> headers, byte[] body, SessionCredentials session) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).uri(uri);
        headers.forEach(request::putHeader);
        if (body.length > 0) {
            request.putHeader("Content-Length", String.valueOf(body.length));
        }
        SignedRequest signed = signer.sign(r -> r.identity(AwsSessionCredentialsIdentity.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken()))
                .request(request.build())
                .payload(body.length == 0 ? null : ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        return signed.request();
    }
}
