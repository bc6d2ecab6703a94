package dev.tally.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bcmdataexports.BcmDataExportsClient;
import software.amazon.awssdk.services.bcmdataexports.model.BcmDataExportsException;
import software.amazon.awssdk.services.bcmdataexports.model.Export;
import software.amazon.awssdk.services.bcmdataexports.model.ExportReference;
import software.amazon.awssdk.services.bcmdataexports.model.GetExportResponse;
import software.amazon.awssdk.services.bcmdataexports.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bcmdataexports.model.ValidationException;

/** Data Exports through the unmodified SDK: create, read back, list with paging, update, and refusals. */
class DataExportsApiTest {
    private static Emulator emulator;
    private static BcmDataExportsClient exports;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults());
        exports = BillingApis.dataExports(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        exports.close();
        emulator.close();
    }

    static Export cur2(String name, UnaryOperator<Export.Builder> change) {
        Export.Builder b = Export.builder()
                .name(name)
                .dataQuery(q -> q.queryStatement(
                                "SELECT line_item_usage_start_date, line_item_iam_principal, line_item_unblended_cost, tags "
                                        + "FROM COST_AND_USAGE_REPORT")
                        .tableConfigurations(Map.of(
                                "COST_AND_USAGE_REPORT",
                                Map.of(
                                        "TIME_GRANULARITY",
                                        "HOURLY",
                                        "INCLUDE_IAM_PRINCIPAL_DATA",
                                        "TRUE",
                                        "INCLUDE_RESOURCES",
                                        "TRUE"))))
                .destinationConfigurations(d -> d.s3Destination(s -> s.s3Bucket("billing-bucket")
                        .s3Prefix("cur2")
                        .s3Region("us-east-1")
                        .s3OutputConfigurations(o -> o.outputType("CUSTOM")
                                .format("PARQUET")
                                .compression("PARQUET")
                                .overwrite("OVERWRITE_REPORT"))))
                .refreshCadence(r -> r.frequency("SYNCHRONOUS"));
        return change.apply(b).build();
    }

    @Test
    void createExport_thenGetExport_returnsTheDefinitionWithItsArn() {
        String arn =
                exports.createExport(c -> c.export(cur2("tally-get", b -> b))).exportArn();
        assertThat(arn).startsWith("arn:aws:bcm-data-exports:us-east-1:123456789012:export/tally-get-");
        GetExportResponse got = exports.getExport(g -> g.exportArn(arn));
        assertThat(got.export().exportArn()).isEqualTo(arn);
        assertThat(got.export().dataQuery().tableConfigurations().get("COST_AND_USAGE_REPORT"))
                .containsEntry("INCLUDE_IAM_PRINCIPAL_DATA", "TRUE");
        assertThat(got.export().destinationConfigurations().s3Destination().s3Bucket())
                .isEqualTo("billing-bucket");
        assertThat(got.exportStatus().statusCodeAsString()).isEqualTo("HEALTHY");
        assertThat(got.exportStatus().createdAt()).isNotNull();
    }

    @Test
    void listExports_pagesThroughEveryExport() {
        for (int i = 0; i < 3; i++) {
            String name = "tally-list-" + i;
            exports.createExport(c -> c.export(cur2(name, b -> b)));
        }
        var names = exports.listExportsPaginator(l -> l.maxResults(1)).exports().stream()
                .map(ExportReference::exportName)
                .toList();
        assertThat(names)
                .contains("tally-list-0", "tally-list-1", "tally-list-2")
                .doesNotHaveDuplicates();
        // A token is the emulator's own and belongs to the request it came with.
        String token = exports.listExports(l -> l.maxResults(1)).nextToken();
        assertThat(token).isNotBlank();
        for (String bad : List.of("not-a-token", token)) {
            int max = bad.equals(token) ? 2 : 1;
            assertThatThrownBy(() -> exports.listExports(l -> l.maxResults(max).nextToken(bad)))
                    .isInstanceOfSatisfying(
                            BcmDataExportsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        }
    }

    @Test
    void updateExport_changesTheDefinition_butNotTheName() {
        String arn = exports.createExport(c -> c.export(cur2("tally-update", b -> b)))
                .exportArn();
        exports.updateExport(u -> u.exportArn(arn).export(cur2("tally-update", b -> b.description("daily now"))));
        assertThat(exports.getExport(g -> g.exportArn(arn)).export().description())
                .isEqualTo("daily now");
        assertThatThrownBy(() -> exports.updateExport(u -> u.exportArn(arn).export(cur2("renamed", b -> b))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("name cannot be changed");
    }

    @Test
    void getExport_unknownArn_isResourceNotFound() {
        assertThatThrownBy(() -> exports.getExport(
                        g -> g.exportArn("arn:aws:bcm-data-exports:us-east-1:123456789012:export/none-1")))
                .isInstanceOfSatisfying(
                        ResourceNotFoundException.class,
                        e -> assertThat(e.resourceType()).isEqualTo("Export"));
    }

    @Test
    void createExport_badDefinitions_areValidationExceptions() {
        assertRefused(cur2("tally-dup", b -> b), null);
        assertRefused(cur2("tally-dup", b -> b), "already exists");
        assertRefused(cur2("bad name!", b -> b), "export.name");
        assertRefused(
                cur2(
                        "tally-column",
                        b -> b.dataQuery(q -> q.queryStatement("SELECT no_such_column FROM COST_AND_USAGE_REPORT"))),
                "column no_such_column does not exist");
        assertRefused(
                cur2(
                        "tally-bucket",
                        b -> b.destinationConfigurations(d -> d.s3Destination(s -> s.s3Bucket("Bad_Bucket")
                                .s3Prefix("p")
                                .s3Region("us-east-1")
                                .s3OutputConfigurations(o -> o.outputType("CUSTOM")
                                        .format("PARQUET")
                                        .compression("PARQUET")
                                        .overwrite("OVERWRITE_REPORT"))))),
                "not a valid bucket name");
        assertRefused(
                cur2(
                        "tally-mixed",
                        b -> b.destinationConfigurations(d -> d.s3Destination(s -> s.s3Bucket("billing")
                                .s3Prefix("p")
                                .s3Region("us-east-1")
                                .s3OutputConfigurations(o -> o.outputType("CUSTOM")
                                        .format("PARQUET")
                                        .compression("GZIP")
                                        .overwrite("OVERWRITE_REPORT"))))),
                "cannot be used with Compression GZIP");
        assertRefused(
                cur2(
                        "tally-property",
                        b -> b.dataQuery(q -> q.queryStatement("SELECT tags FROM COST_AND_USAGE_REPORT")
                                .tableConfigurations(
                                        Map.of("COST_AND_USAGE_REPORT", Map.of("TIME_GRANULARITY", "WEEKLY"))))),
                "TIME_GRANULARITY");
    }

    private static void assertRefused(Export export, String message) {
        if (message == null) {
            exports.createExport(c -> c.export(export));
            return;
        }
        assertThatThrownBy(() -> exports.createExport(c -> c.export(export)))
                .isInstanceOfSatisfying(BcmDataExportsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains(message);
                });
    }
}
