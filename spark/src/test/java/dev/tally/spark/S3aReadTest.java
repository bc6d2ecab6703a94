package dev.tally.spark;

import static dev.tally.spark.Engines.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cur.sample.SampleCur;
import dev.tally.cur.sample.SampleCurConfig;
import dev.tally.report.query.Dimension;
import dev.tally.report.query.ReportEngine;
import dev.tally.report.query.ReportRequest;
import dev.tally.report.read.S3Fetcher;
import dev.tally.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code s3://bucket/prefix} on Spark: the driver lists the objects and detects their formats, the executors read them
 * from S3 through hadoop-aws (S3A, path-style, the SDK's default credential chain), here from moto on loopback. The
 * report equals DuckDB's over a local copy of the same file.
 */
class S3aReadTest {
    @TempDir
    Path dir;

    @Test
    void s3Prefix_readThroughS3a_equalsDuckDbOnTheLocalCopy() throws IOException {
        Path local = dir.resolve("cur-2026-11.parquet");
        SampleCur.withBuiltInPrices().generate(SampleCurConfig.of(3_000, 7, local));
        // The default chain's system-property step: what AWS_ACCESS_KEY_ID and friends are to a real process.
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", "us-east-1");
        try (MotoServer moto = MotoServer.start()) {
            try (S3Client s3 = S3Client.builder()
                    .endpointOverride(moto.endpoint())
                    .forcePathStyle(true)
                    .build()) {
                s3.createBucket(b -> b.bucket("bills"));
                s3.putObject(
                        b -> b.bucket("bills").key("cur2/data/BILLING_PERIOD=2026-11/part-0.parquet"),
                        RequestBody.fromFile(local));
            }
            var spark = SharedSpark.session();
            S3aSettings.apply(
                    spark.sparkContext().hadoopConfiguration(),
                    Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_REGION", "us-east-1"));
            Path cache = dir.resolve("s3-cache");
            List<Dimension> by = List.of(Dimension.parse("tag:project"), Dimension.parse("model"));
            long before = s3aBytesRead();

            String onSpark = json(new ReportEngine(
                            new S3Fetcher(cache, line -> {}, S3Fetcher.clients(moto.endpoint())),
                            new SparkFirstStep(spark, new S3Locations(cache)))
                    .run(ReportRequest.of(List.of("s3://bills/cur2/")).withBy(by)));

            assertThat(onSpark)
                    .isEqualTo(json(Engines.duckdb(
                            ReportRequest.of(List.of(local.toString())).withBy(by))));
            assertThat(s3aBytesRead() - before)
                    .as("bytes Spark read through S3A")
                    .isPositive();
        }
    }

    @Test
    void cachedObjects_areReadFromS3_otherFilesWhereTheyAre() {
        S3Locations locations = new S3Locations(Path.of("/cache/s3"));
        assertThat(locations.of(Path.of("/cache/s3/bills/cur2/data/part 0.parquet")))
                .isEqualTo("s3a://bills/cur2/data/part 0.parquet");
        assertThat(locations.of(Path.of("/data/cur.parquet"))).isEqualTo("/data/cur.parquet");
        assertThat(locations.of(Path.of("/cache/s3/bills"))).isEqualTo("/cache/s3/bills");
    }

    @Test
    void customEndpoint_isPathStyle_withTheDefaultChain() {
        assertThat(S3aSettings.of(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000")))
                .containsEntry("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem")
                .containsEntry(
                        "fs.s3a.aws.credentials.provider",
                        "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider")
                .containsEntry("fs.s3a.endpoint", "http://127.0.0.1:9000")
                .containsEntry("fs.s3a.path.style.access", "true")
                .containsEntry("fs.s3a.connection.ssl.enabled", "false")
                .containsEntry("fs.s3a.endpoint.region", "us-east-1");
        assertThat(S3aSettings.of(Map.of())).doesNotContainKey("fs.s3a.endpoint");
    }

    @SuppressWarnings("deprecation") // the per-scheme counters every Hadoop FileSystem keeps
    private static long s3aBytesRead() {
        return FileSystem.getAllStatistics().stream()
                .filter(s -> s.getScheme().equals("s3a"))
                .mapToLong(FileSystem.Statistics::getBytesRead)
                .sum();
    }
}
