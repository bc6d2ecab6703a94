package dev.tally.cli.account;

import dev.tally.account.AwsClients;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/**
 * Whose credentials the account commands use: {@code --profile}, else the SDK's usual chain (environment,
 * {@code AWS_PROFILE}, SSO, {@code credential_process}).
 */
public final class AwsClientOptions {
    @Option(
            names = "--profile",
            paramLabel = "P",
            description = "AWS profile to use (default: the SDK's usual chain, AWS_PROFILE included).")
    @Nullable
    String profile;

    AwsClients clients() {
        return AwsClients.using(
                profile == null
                        ? DefaultCredentialsProvider.builder().build()
                        : ProfileCredentialsProvider.create(profile));
    }
}
