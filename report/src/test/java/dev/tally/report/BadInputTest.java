package dev.tally.report;

import static dev.tally.report.Reports.run;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import dev.tally.report.query.ReportRequest;
import dev.tally.report.read.CostBasis;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every user mistake is one clear line naming the file and what was expected, with the right kind. */
class BadInputTest {
    private static final String CUR2_HEADER =
            "line_item_usage_start_date,line_item_product_code,line_item_usage_type,line_item_unblended_cost\n";

    @TempDir
    Path dir;

    @Test
    void missingFile_isAUsageError() {
        assertThatThrownBy(() ->
                        run(ReportRequest.of(List.of(dir.resolve("nope.parquet").toString()))))
                .isInstanceOfSatisfying(
                        TallyException.class,
                        e -> expect(e, ErrorKind.USAGE, "nope.parquet: no such file or directory"));
    }

    @Test
    void s3AddressThatIsNotAUri_isAUsageError() {
        // Checked before any AWS call: no endpoint is needed to refuse it.
        assertThatThrownBy(() -> run(ReportRequest.of(List.of("s3://billing/my exports/"))))
                .isInstanceOfSatisfying(
                        TallyException.class,
                        e -> expect(e, ErrorKind.USAGE, "s3://billing/my exports/: not an S3 address"));
    }

    @Test
    void corruptParquet_isBadData() throws Exception {
        Path file = dir.resolve("broken.parquet");
        Files.write(file, "PAR1 this is not really parquet".getBytes());
        assertThatThrownBy(() -> run(ReportRequest.of(List.of(file.toString()))))
                .isInstanceOfSatisfying(
                        TallyException.class,
                        e -> expect(e, ErrorKind.BAD_DATA, "broken.parquet: not a readable Parquet file"));
    }

    @Test
    void truncatedGzip_isBadData() throws Exception {
        StringBuilder csv = new StringBuilder(CUR2_HEADER);
        for (int i = 0; i < 20000; i++) {
            csv.append("2026-11-01T00:00:00Z,AmazonBedrock,USE1-Claude4.6Sonnet-input-tokens,0.00")
                    .append(i % 10)
                    .append('\n');
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(csv.toString().getBytes());
        }
        byte[] all = bytes.toByteArray();
        Path file = dir.resolve("cut.csv.gz");
        Files.write(file, Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> run(ReportRequest.of(List.of(file.toString()))))
                .isInstanceOfSatisfying(TallyException.class, e -> expect(e, ErrorKind.BAD_DATA, "cut.csv.gz"));
    }

    @Test
    void csvWithoutTheCostColumn_namesIt() throws Exception {
        Path file = dir.resolve("nocost.csv");
        Files.writeString(
                file,
                "line_item_usage_start_date,line_item_product_code,line_item_usage_type\n2026-11-01T00:00:00Z,AmazonBedrock,x\n");
        assertThatThrownBy(() -> run(ReportRequest.of(List.of(file.toString()))))
                .isInstanceOfSatisfying(
                        TallyException.class,
                        e -> expect(
                                e,
                                ErrorKind.BAD_DATA,
                                "nocost.csv: CUR 2.0 file has no column line_item_unblended_cost"));
    }

    @Test
    void netCostOnAnExportWithoutIt_namesTheColumn() {
        ReportRequest r = ReportRequest.of(
                List.of(Reports.sharedData("cur1-legacy-sample.csv").toString()));
        ReportRequest net = r.withAllServices().withCostBasis(CostBasis.NET);
        assertThatThrownBy(() -> run(net))
                .isInstanceOfSatisfying(
                        TallyException.class,
                        e -> expect(
                                e,
                                ErrorKind.BAD_DATA,
                                "no column lineItem/NetUnblendedCost (asked for by the net cost basis)"));
    }

    @Test
    void notANumber_isBadDataNamingTheFile() throws Exception {
        Path file = dir.resolve("text.csv");
        Files.writeString(
                file, CUR2_HEADER + "2026-11-01T00:00:00Z,AmazonBedrock,USE1-Claude4.6Sonnet-input-tokens,lots\n");
        assertThatThrownBy(() -> run(ReportRequest.of(List.of(file.toString()))))
                .isInstanceOfSatisfying(TallyException.class, e -> expect(e, ErrorKind.BAD_DATA, "text.csv"));
    }

    @Test
    void aCsvThatIsNoExport_isBadData() throws Exception {
        Path file = dir.resolve("people.csv");
        Files.writeString(file, "name,age\nann,3\n");
        assertThatThrownBy(() -> run(ReportRequest.of(List.of(file.toString()))))
                .isInstanceOfSatisfying(
                        TallyException.class, e -> expect(e, ErrorKind.BAD_DATA, "people.csv: not a billing export"));
    }

    @Test
    void unknownDimension_listsTheValidOnes() {
        assertThatThrownBy(() -> Reports.request(dir, "modle"))
                .isInstanceOfSatisfying(
                        TallyException.class,
                        e -> expect(e, ErrorKind.USAGE, "unknown dimension 'modle' (expected one of: principal"));
    }

    @Test
    void inputsResolvingToNoFiles_areAnError() throws Exception {
        Files.createDirectories(dir.resolve("export/metadata/BILLING_PERIOD=2026-11"));
        Files.writeString(
                dir.resolve("export/metadata/BILLING_PERIOD=2026-11/export-Manifest.json"), "{\"reportName\":\"x\"}");
        Files.createDirectories(dir.resolve("empty"));
        for (String input :
                List.of(dir.resolve("export").toString(), dir.resolve("empty").toString(), dir + "/export/*.parquet")) {
            assertThatThrownBy(() -> run(ReportRequest.of(List.of(input))))
                    .isInstanceOfSatisfying(
                            TallyException.class,
                            e -> expect(e, ErrorKind.BAD_DATA, input + ": no billing export files found there"));
        }
    }

    @Test
    void oneEmptyInputAmongOthers_isAWarning() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        Path input = Reports.sharedData("focus-1.0-sample.csv");
        var report = run(ReportRequest.of(List.of(dir.resolve("empty").toString(), input.toString()))
                .withAllServices());
        org.assertj.core.api.Assertions.assertThat(report.isEmpty()).isFalse();
        org.assertj.core.api.Assertions.assertThat(report.warnings())
                .containsExactly(dir.resolve("empty") + ": no billing export files found there");
    }

    @Test
    void sameInputTwice_givesOneWarning() throws Exception {
        Path input = Reports.sharedData("focus-1.0-sample.csv");
        var report = run(
                ReportRequest.of(List.of(input.toString(), input.toString())).withAllServices());
        org.assertj.core.api.Assertions.assertThat(report.warnings())
                .containsExactly(input + " was given more than once; read once");
    }

    private static void expect(TallyException e, ErrorKind kind, String text) {
        org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(kind);
        org.assertj.core.api.Assertions.assertThat(e.getMessage())
                .contains(text)
                .doesNotContain("\n");
    }
}
