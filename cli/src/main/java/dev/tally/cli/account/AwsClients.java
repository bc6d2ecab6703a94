package dev.tally.cli.account;

import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * SDK clients as the account commands build them: the default credential chain (environment, profile, SSO,
 * {@code credential_process}), and endpoints from the SDK's own settings ({@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_IAM}, {@code AWS_ENDPOINT_URL_BUDGETS}, {@code AWS_ENDPOINT_URL_STS}), which is
 * how tests point them at moto and how users point them at a VPC endpoint.
 */
final class AwsClients {
    private AwsClients() {}

    /** IAM and Budgets are global services, served from one region per partition. */
    static IamClient iam() {
        Region region = region();
        Region global = region.id().startsWith("cn-") ? Region.AWS_CN_GLOBAL
                : region.id().startsWith("us-gov-") ? Region.AWS_US_GOV_GLOBAL : Region.AWS_GLOBAL;
        return IamClient.builder().region(global).httpClient(http()).build();
    }

    static BudgetsClient budgets() {
        Region home = region().id().startsWith("cn-") ? Region.CN_NORTHWEST_1 : Region.US_EAST_1;
        return BudgetsClient.builder().region(home).httpClient(http()).build();
    }

    static StsClient sts() {
        return StsClient.builder().region(region()).httpClient(http()).build();
    }

    /** The configured region, else us-east-1: the account commands call global services and need none. */
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
