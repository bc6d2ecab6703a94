package dev.tally.cli.account;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bcmdataexports.BcmDataExportsClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import picocli.CommandLine.Option;

/**
 * How the billing commands reach AWS: the SDK's usual chain (environment, {@code AWS_PROFILE}, SSO, ...)
 * or {@code --profile}. Cost Explorer and Data Exports are global APIs served from us-east-1; the endpoint
 * can be redirected the SDK's way ({@code AWS_ENDPOINT_URL}), which is how tests reach the emulator.
 */
final class AwsClientOptions {
    @Option(names = "--profile", paramLabel = "P", description = "AWS profile to use (default: the SDK's usual chain, AWS_PROFILE included).")
    String profile;

    AwsCredentialsProvider credentials() {
        return profile == null ? DefaultCredentialsProvider.builder().build() : ProfileCredentialsProvider.create(profile);
    }

    CostExplorerClient costExplorer() {
        return CostExplorerClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    BcmDataExportsClient dataExports() {
        return BcmDataExportsClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
