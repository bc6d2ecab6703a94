package dev.tally.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.TallyException;
import dev.tally.cur.sample.SampleCur;
import dev.tally.cur.sample.SampleCurConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema {@link SparkFirstStep} reads from a Parquet footer on the driver is the one Spark's own inference (a job
 * of its own) gives, for files from each writer a report meets: tally's sample generator (maps, doubles), DuckDB
 * (decimals, timestamps, dates, lists) and Spark itself (which stores its own schema in the footer).
 */
class SchemaFromFooterTest {
    @TempDir
    Path dir;

    @Test
    void generatedCur2_matchesSparksInference() throws IOException {
        Path file = dir.resolve("cur.parquet");
        SampleCur.withBuiltInPrices().generate(SampleCurConfig.of(500, 7, file));
        assertSameSchema(file);
    }

    @Test
    void duckDbTypes_matchSparksInference() throws SQLException {
        Path file = dir.resolve("duck.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT 12.5::DECIMAL(38, 16) AS cost, 3::DECIMAL(9, 2) AS small, 7::BIGINT AS n,"
                    + " 2::INTEGER AS i, 1.5::FLOAT AS f, TIMESTAMP '2026-04-01 10:00:00' AS usage_start,"
                    + " TIMESTAMPTZ '2026-04-01 10:00:00+00' AS usage_end, DATE '2026-04-01' AS day, true AS flag,"
                    + " ['a', 'b'] AS list, MAP {'user_project': 'x'} AS resource_tags,"
                    + " {'k': 'v', 'n': 1} AS struct, NULL::VARCHAR AS empty) TO '" + file + "' (FORMAT parquet)");
        }
        assertSameSchema(file);
    }

    @Test
    void sparkWrittenFile_matchesSparksInference() {
        SparkSession spark = SharedSpark.session();
        Path out = dir.resolve("spark-out");
        spark.sql("SELECT CAST(1.25 AS DECIMAL(20, 4)) AS cost, map('a', 'b') AS tags, current_date() AS day")
                .write()
                .parquet(out.toString());
        Path part;
        try (var files = Files.list(out)) {
            part = files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertSameSchema(part);
    }

    @Test
    void notParquet_isBadDataNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("fake.parquet"), "not parquet at all, only text");
        assertThatThrownBy(() -> new SparkFirstStep(SharedSpark.session()).parquetSchema(file.toString()))
                .isInstanceOf(TallyException.class)
                .hasMessageStartingWith(file + ": cannot read its Parquet footer: ")
                .hasMessageNotContaining("\n");
    }

    private static void assertSameSchema(Path file) {
        SparkSession spark = SharedSpark.session();
        assertThat(new SparkFirstStep(spark).parquetSchema(file.toString()))
                .isEqualTo(spark.read().parquet(file.toString()).schema());
    }
}
