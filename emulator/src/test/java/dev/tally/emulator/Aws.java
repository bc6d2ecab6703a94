package dev.tally.emulator;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Unmodified AWS SDK for Java v2 clients pointed at an emulator: the independent peer of every test. */
final class Aws {
    static final AwsCredentials DEVELOPER =
            AwsBasicCredentials.create(IamUser.DEFAULT.accessKeyId(), IamUser.DEFAULT.secretAccessKey());

    private Aws() {}

    static AwsCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    static StsClient sts(URI endpoint, AwsCredentials credentials) {
        return toEmulator(StsClient.builder().httpClient(UrlConnectionHttpClient.create()), endpoint, credentials);
    }

    static BedrockRuntimeClient bedrock(URI endpoint, AwsCredentials credentials) {
        return toEmulator(
                BedrockRuntimeClient.builder().httpClient(UrlConnectionHttpClient.create()), endpoint, credentials);
    }

    static BedrockRuntimeAsyncClient bedrockAsync(URI endpoint, AwsCredentials credentials) {
        return toEmulator(
                BedrockRuntimeAsyncClient.builder().httpClientBuilder(NettyNioAsyncHttpClient.builder()),
                endpoint,
                credentials);
    }

    /** Any SDK client, pointed at the emulator with fixed credentials and no retries. */
    private static <B extends AwsClientBuilder<B, C>, C> C toEmulator(
            B builder, URI endpoint, AwsCredentials credentials) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(noRetries())
                .build();
    }

    /** Retries would hide the emulator's answers (and its injected faults) from the tests. */
    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(b -> b.maxAttempts(1))
                .build();
    }
}
