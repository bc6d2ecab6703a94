package dev.tally.account.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import dev.tally.emulator.IamUser;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bcmdataexports.BcmDataExportsClient;

/** The library {@code tally doctor} builds on: finding the CUR 2.0 exports that carry IAM principal data. */
class DataExportsTest {
    private static Emulator emulator;
    private static BcmDataExportsClient client;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults());
        client = BcmDataExportsClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(IamUser.DEFAULT.accessKeyId(), IamUser.DEFAULT.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void iamPrincipalCurExports_findsOnlyCur2ExportsWithPrincipalData() {
        DataExports exports = new DataExports(client);
        exports.create(new ExportSpec(
                "with-principal",
                "acme-billing",
                "cur2",
                "us-east-1",
                ExportSpec.Format.PARQUET,
                ExportSpec.TimeGranularity.HOURLY));
        // An export made elsewhere without the IAM principal setting: the most common gap doctor must find.
        client.createExport(c -> c.export(new ExportSpec(
                        "without-principal",
                        "acme-billing",
                        "plain",
                        "us-east-1",
                        ExportSpec.Format.CSV,
                        ExportSpec.TimeGranularity.DAILY)
                .export().toBuilder()
                        .dataQuery(q -> q.queryStatement("SELECT line_item_unblended_cost FROM COST_AND_USAGE_REPORT")
                                .tableConfigurations(
                                        Map.of("COST_AND_USAGE_REPORT", Map.of("TIME_GRANULARITY", "DAILY"))))
                        .build()));
        assertThat(exports.list())
                .extracting(ExportSummary::name)
                .containsExactlyInAnyOrder("with-principal", "without-principal");
        assertThat(exports.iamPrincipalCurExports()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("with-principal");
            assertThat(e.destination()).isEqualTo("s3://acme-billing/cur2");
            assertThat(e.status()).isEqualTo("HEALTHY");
        });
    }

    @Test
    void spec_badRegion_isAUsageError() {
        assertThatThrownBy(() -> new ExportSpec(
                        "n",
                        "acme-billing",
                        "cur2",
                        "mars-1",
                        ExportSpec.Format.PARQUET,
                        ExportSpec.TimeGranularity.HOURLY))
                .isInstanceOfSatisfying(
                        TallyException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
                .hasMessage("bucket region 'mars-1' is not an AWS region (e.g. us-east-1)");
    }
}
