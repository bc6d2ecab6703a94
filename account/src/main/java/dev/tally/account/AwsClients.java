package dev.tally.account;

import static java.util.Objects.requireNonNull;

import dev.tally.aws.ConfiguredRegion;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bcmdataexports.BcmDataExportsClient;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one place the account commands build SDK clients, all with the same credentials. Endpoints come from
 * the SDK's own settings ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_IAM}, {@code AWS_ENDPOINT_URL_STS},
 * {@code AWS_ENDPOINT_URL_COST_EXPLORER}, ...), which is how tests point them at moto and the emulator and
 * how users point them at a VPC endpoint. IAM, Budgets, Cost Explorer and Data Exports are global APIs
 * served from one region per partition.
 */
public record AwsClients(AwsCredentialsProvider credentials) {
    public AwsClients {
        requireNonNull(credentials, "credentials is null");
    }

    public static AwsClients using(AwsCredentialsProvider credentials) {
        return new AwsClients(credentials);
    }

    public IamClient iam() {
        Region region = ConfiguredRegion.orUsEast1();
        Region global = region.id().startsWith("cn-")
                ? Region.AWS_CN_GLOBAL
                : region.id().startsWith("us-gov-") ? Region.AWS_US_GOV_GLOBAL : Region.AWS_GLOBAL;
        return IamClient.builder()
                .region(global)
                .credentialsProvider(credentials)
                .httpClient(http())
                .build();
    }

    public BudgetsClient budgets() {
        Region home = ConfiguredRegion.orUsEast1().id().startsWith("cn-") ? Region.CN_NORTHWEST_1 : Region.US_EAST_1;
        return BudgetsClient.builder()
                .region(home)
                .credentialsProvider(credentials)
                .httpClient(http())
                .build();
    }

    public StsClient sts() {
        return StsClient.builder()
                .region(ConfiguredRegion.orUsEast1())
                .credentialsProvider(credentials)
                .httpClient(http())
                .build();
    }

    public CostExplorerClient costExplorer() {
        return CostExplorerClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(http())
                .build();
    }

    public BcmDataExportsClient dataExports() {
        return BcmDataExportsClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(http())
                .build();
    }

    private static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }
}
