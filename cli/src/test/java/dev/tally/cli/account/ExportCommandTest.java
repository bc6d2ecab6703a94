package dev.tally.cli.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.cli.TallyRun;
import dev.tally.emulator.Emulator;
import dev.tally.emulator.EmulatorConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tally export create} against the emulator's Data Exports, and its refusals before any call. */
class ExportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Emulator emulator;
    private static TallyProcess tally;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults());
        tally = new TallyProcess(emulator.endpoint(), dir);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void create_isIdempotent_andUpdatesAChangedDefinition() throws Exception {
        TallyRun first =
                tally.run("export", "create", "--name", "bedrock-cur2", "--bucket", "acme-billing", "--prefix", "cur2");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out())
                .startsWith("created arn:aws:bcm-data-exports:us-east-1:123456789012:export/bedrock-cur2-");
        String arn = first.out().strip().substring("created ".length());
        assertThat(tally.run(
                                "export",
                                "create",
                                "--name",
                                "bedrock-cur2",
                                "--bucket",
                                "acme-billing",
                                "--prefix",
                                "cur2")
                        .out())
                .isEqualTo("unchanged " + arn + "\n");
        assertThat(tally.run(
                                "export",
                                "create",
                                "--name",
                                "bedrock-cur2",
                                "--bucket",
                                "acme-billing",
                                "--prefix",
                                "cur2",
                                "--format",
                                "csv",
                                "--granularity",
                                "daily")
                        .out())
                .isEqualTo("updated " + arn + "\n");
        assertThat(emulator.calls().counts())
                .containsEntry("bcm-data-exports:CreateExport", 1L)
                .containsEntry("bcm-data-exports:UpdateExport", 1L);
    }

    @Test
    void print_showsTheRequestWithIamPrincipalData_andCallsNothing() throws Exception {
        long before = emulator.calls().counts().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        TallyRun r = tally.run(
                "export", "create", "--name", "printed", "--bucket", "acme-billing", "--prefix", "cur2", "--print");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode request = JSON.readTree(r.out());
        JsonNode export = request.get("Export");
        assertThat(export.at("/DataQuery/QueryStatement").asText())
                .startsWith("SELECT ")
                .contains("line_item_iam_principal")
                .endsWith(" FROM COST_AND_USAGE_REPORT");
        JsonNode table = export.at("/DataQuery/TableConfigurations/COST_AND_USAGE_REPORT");
        assertThat(table.get("INCLUDE_IAM_PRINCIPAL_DATA").asText()).isEqualTo("TRUE");
        assertThat(table.get("TIME_GRANULARITY").asText()).isEqualTo("HOURLY");
        JsonNode s3 = export.at("/DestinationConfigurations/S3Destination");
        assertThat(s3.get("S3Bucket").asText()).isEqualTo("acme-billing");
        assertThat(s3.at("/S3OutputConfigurations/Format").asText()).isEqualTo("PARQUET");
        assertThat(s3.at("/S3OutputConfigurations/Compression").asText()).isEqualTo("PARQUET");
        assertThat(export.at("/RefreshCadence/Frequency").asText()).isEqualTo("SYNCHRONOUS");
        assertThat(emulator.calls().counts().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(before);
    }

    @Test
    void badInput_isOneLineWithExitTwo() throws Exception {
        assertUsage(
                tally.run("export", "create", "--name", "x", "--bucket", "Acme_Billing", "--prefix", "cur2"),
                "--bucket 'Acme_Billing' is not a valid S3 bucket name: it must be lower case");
        assertUsage(
                tally.run("export", "create", "--name", "x", "--bucket", "192.168.1.1", "--prefix", "cur2"),
                "must not look like an IP address");
        assertUsage(
                tally.run("export", "create", "--name", "x", "--bucket", "ab", "--prefix", "cur2"),
                "must be 3-63 characters");
        assertUsage(
                tally.run("export", "create", "--name", "x", "--bucket", "acme-billing", "--prefix", "/cur2"),
                "--prefix '/cur2' must");
        assertUsage(
                tally.run("export", "create", "--name", "bad name", "--bucket", "acme-billing", "--prefix", "cur2"),
                "--name 'bad name' must be");
        assertUsage(
                tally.run(
                        "export",
                        "create",
                        "--name",
                        "x",
                        "--bucket",
                        "acme-billing",
                        "--prefix",
                        "cur2",
                        "--format",
                        "json"),
                "--format 'json' is not one of: parquet, csv");
        assertUsage(
                tally.run("export", "create", "--name", "x", "--bucket", "acme-billing"),
                "Missing required option: '--prefix=P'");
    }

    private static void assertUsage(TallyRun r, String message) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("tally: ").contains(message);
        assertThat(r.out()).isEmpty();
    }
}
