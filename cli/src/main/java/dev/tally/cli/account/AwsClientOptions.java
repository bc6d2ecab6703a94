package dev.tally.cli.account;

import java.time.Duration;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.bcmdataexports.BcmDataExportsClient;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * How the account commands reach AWS, the one place their SDK clients are built: credentials from
 * {@code --profile} or the SDK's usual chain (environment, {@code AWS_PROFILE}, SSO, {@code credential_process});
 * endpoints from the SDK's own settings ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_IAM}, ...), which
 * is how tests point them at moto and the emulator and how users point them at a VPC endpoint. IAM, Budgets,
 * Cost Explorer and Data Exports are global APIs served from one region per partition.
 */
public final class AwsClientOptions {
    @Option(names = "--profile", paramLabel = "P", description = "AWS profile to use (default: the SDK's usual chain, AWS_PROFILE included).")
    String profile;

    AwsCredentialsProvider credentials() {
        return profile == null ? DefaultCredentialsProvider.builder().build() : ProfileCredentialsProvider.create(profile);
    }

    IamClient iam() {
        Region region = region();
        Region global = region.id().startsWith("cn-") ? Region.AWS_CN_GLOBAL
                : region.id().startsWith("us-gov-") ? Region.AWS_US_GOV_GLOBAL : Region.AWS_GLOBAL;
        return IamClient.builder().region(global).credentialsProvider(credentials()).httpClient(http()).build();
    }

    BudgetsClient budgets() {
        Region home = region().id().startsWith("cn-") ? Region.CN_NORTHWEST_1 : Region.US_EAST_1;
        return BudgetsClient.builder().region(home).credentialsProvider(credentials()).httpClient(http()).build();
    }

    StsClient sts() {
        return StsClient.builder().region(region()).credentialsProvider(credentials()).httpClient(http()).build();
    }

    CostExplorerClient costExplorer() {
        return CostExplorerClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials()).httpClient(http()).build();
    }

    BcmDataExportsClient dataExports() {
        return BcmDataExportsClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials()).httpClient(http()).build();
    }

    /** The configured region, else us-east-1: these commands call global services and need none. */
    private static Region region() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }

    private static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)).build();
    }
}
