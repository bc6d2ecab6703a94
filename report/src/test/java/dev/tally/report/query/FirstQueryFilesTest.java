package dev.tally.report.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.report.read.Container;
import dev.tally.report.read.Scan;
import dev.tally.report.read.SourceFile;
import dev.tally.report.read.SourceFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the parent of {@code --engine spark} sends its child and reads back arrives whole, nulls and all. */
class FirstQueryFilesTest {
    @Test
    void queryAndRows_roundTrip() throws Exception {
        SourceFile file = new SourceFile(
                Path.of("/exports/ä b.csv.gz"), SourceFormat.FOCUS, Container.CSV_GZ, List.of("BilledCost", "Tags"));
        FirstQuery query = new FirstQuery(
                "SELECT 'x'".repeat(10_000),
                List.of(new Scan("tally_scan_0", List.of(file), Container.CSV_GZ, List.of("", "NULL"))),
                1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        FirstQueryFiles.writeQuery(query, out);
        String[] texts = {
            "2026-11-01", null, "AmazonBedrock", "us-east-1", "USE1-x", null, "arn", "1K tokens", "USD", "é"
        };
        FirstQueryFiles.writeRow(
                query,
                new ResultRow() {
                    @Override
                    public String text(int column) {
                        return texts[column];
                    }

                    @Override
                    public BigDecimal decimal(int column) {
                        return column == 10 ? new BigDecimal("1E-12") : null;
                    }

                    @Override
                    public long count(int column) {
                        return column == 12 ? 3_000_000_000L : 0;
                    }
                },
                out);
        FirstQueryFiles.endRows(out);

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        FirstQuery read = FirstQueryFiles.readQuery(in);
        assertThat(read.sql()).isEqualTo(query.sql());
        assertThat(read.tagCount()).isEqualTo(1);
        assertThat(read.scans().get(0).nullStrings()).containsExactly("", "NULL");
        assertThat(read.scans().get(0).files().get(0).path()).isEqualTo(file.path());
        assertThat(read.scans().get(0).files().get(0).columns()).isEqualTo(file.columns());
        List<String> seen = new ArrayList<>();
        FirstQueryFiles.readRows(read, in, row -> {
            for (int i = 0; i < texts.length; i++) {
                seen.add(row.text(i));
            }
            assertThat(row.decimal(10)).isEqualByComparingTo("0.000000000001");
            assertThat(row.decimal(11)).isNull();
            assertThat(row.count(12)).isEqualTo(3_000_000_000L);
            assertThat(row.count(13)).isZero();
        });
        assertThat(seen).containsExactly(texts);
    }
}
