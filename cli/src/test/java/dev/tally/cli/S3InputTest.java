package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tally.testing.MotoServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code tally report s3://...} as a user runs it: a separate process whose AWS SDK finds moto's S3 through
 * {@code AWS_ENDPOINT_URL}, exactly as it would find a real endpoint.
 */
class S3InputTest {
    private static MotoServer moto;

    @TempDir
    Path dir;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @Test
    void report_readsAnExportTreeFromS3() throws Exception {
        Path focus = Path.of(System.getProperty("tally.shared"), "data", "focus-1.0-sample.csv");
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket("billing"));
            s3.putObject(
                    b -> b.bucket("billing").key("focus/data/BILLING_PERIOD=2024-09/part-00001.csv"),
                    RequestBody.fromFile(focus));
            s3.putObject(
                    b -> b.bucket("billing").key("focus/metadata/BILLING_PERIOD=2024-09/focus-Manifest.json"),
                    RequestBody.fromString("{\"files\":[]}"));
        }
        TallyRun first =
                tally(List.of("report", "s3://billing/focus/", "--all-services", "--by", "service", "--format", "csv"));
        TallyRun local =
                tally(List.of("report", focus.toString(), "--all-services", "--by", "service", "--format", "csv"));
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo(local.out());
        assertThat(Files.exists(dir.resolve("cache/tally/s3/billing/focus/data/BILLING_PERIOD=2024-09/part-00001.csv")))
                .isTrue();
        // A second run is served from the cache: same answer.
        assertThat(tally(List.of(
                                "report",
                                "s3://billing/focus/",
                                "--all-services",
                                "--by",
                                "service",
                                "--format",
                                "csv"))
                        .out())
                .isEqualTo(local.out());
        assertThat(new BigDecimal(first.out()
                        .lines()
                        .filter(l -> l.startsWith("TOTAL"))
                        .findFirst()
                        .orElseThrow()
                        .split(",")[1]))
                .isPositive();
        // An object deleted from S3 is not read again from the cache: the prefix's listing decides, not the cache
        // folder.
        try (S3Client s3 = client()) {
            s3.deleteObject(b -> b.bucket("billing").key("focus/data/BILLING_PERIOD=2024-09/part-00001.csv"));
        }
        TallyRun afterDelete =
                tally(List.of("report", "s3://billing/focus/", "--all-services", "--by", "service", "--format", "csv"));
        // An empty prefix is an error, not an empty report that reads as "no spend".
        assertThat(afterDelete.exit()).as(afterDelete.err()).isEqualTo(1);
        assertThat(afterDelete.err()).startsWith("tally: s3://billing/focus/: no billing export files found there");
        assertThat(afterDelete.out()).isEmpty();
        assertThat(Files.exists(dir.resolve("cache/tally/s3/billing/focus/data/BILLING_PERIOD=2024-09/part-00001.csv")))
                .isTrue();
    }

    /**
     * {@code s3a://} (Hadoop's name for the same objects) works as {@code s3://} on DuckDB; on Spark in local mode the
     * child reads the objects from S3 through hadoop-aws, not from the cache the driver fills for format detection:
     * the cached copy is swapped for another of the same size and ETag, which DuckDB then reads and Spark does not.
     */
    @Test
    void s3aUri_onDuckDb_isS3_andSparkReadsS3NotTheCache() throws Exception {
        Path root = Path.of(System.getProperty("tally.root", "."));
        Path focus = Path.of(System.getProperty("tally.shared"), "data", "focus-1.0-sample.csv");
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket("spark-bills"));
            s3.putObject(b -> b.bucket("spark-bills").key("focus/part-1.csv"), RequestBody.fromFile(focus));
        }
        List<String> options = List.of("--all-services", "--by", "service", "--format", "csv");
        TallyRun local = tally(concat(List.of("report", focus.toString()), options));
        TallyRun duckdb = tally(concat(List.of("report", "s3a://spark-bills/focus/"), options));
        assertThat(duckdb.exit()).as(duckdb.err()).isZero();
        assertThat(duckdb.out()).isEqualTo(local.out());

        Path cached = dir.resolve("cache/tally/s3/spark-bills/focus/part-1.csv");
        String altered = Files.readString(cached).replace("\nNULL,0.", "\nNULL,9.");
        assertThat(altered).hasSameSizeAs(Files.readString(cached)).isNotEqualTo(Files.readString(cached));
        Files.writeString(cached, altered);
        TallyRun fromCache = tally(concat(List.of("report", "s3://spark-bills/focus/"), options));
        assertThat(fromCache.out()).as("DuckDB reads the (altered) cached copy").isNotEqualTo(local.out());

        assumeTrue(
                Files.isDirectory(root.resolve("spark/target/spark-s3-lib")),
                "module spark is not packaged (./mvnw -pl spark -am package)");
        TallyRun spark = tally(concat(
                List.of("report", "s3a://spark-bills/focus/"),
                concat(options, List.of("--engine", "spark", "--spark-master", "local[1]"))));
        assertThat(spark.exit()).as(spark.err()).isZero();
        assertThat(spark.out()).as("Spark reads the object in S3").isEqualTo(local.out());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private S3Client client() {
        return S3Client.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @Test
    void missingBucket_isOneClearLine() throws Exception {
        TallyRun r = tally(List.of("report", "s3://no-such-bucket/x/"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("tally: S3 refused ListObjectsV2 on s3://no-such-bucket/x/ (NoSuchBucket")
                .hasLineCount(1);
    }

    @Test
    void noRegionConfigured_stillReachesS3_fromUsEast1() throws Exception {
        // No AWS_REGION and no profile: the client starts from us-east-1 (cross-region access follows a bucket
        // elsewhere) instead of failing with the SDK's account of every place it looked for a region.
        TallyRun r = tally(
                List.of("report", "s3://no-such-bucket/x/"),
                Map.of(
                        "AWS_REGION",
                        "",
                        "AWS_DEFAULT_REGION",
                        "",
                        "AWS_CONFIG_FILE",
                        dir.resolve("none").toString()));
        assertThat(r.err())
                .startsWith("tally: S3 refused ListObjectsV2 on s3://no-such-bucket/x/ (NoSuchBucket")
                .hasLineCount(1);
    }

    private TallyRun tally(List<String> args) throws IOException, InterruptedException {
        return tally(args, Map.of());
    }

    /** Against moto, with environment variables set, or removed where the value is empty. */
    private TallyRun tally(List<String> args, Map<String, String> overrides) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(Map.of(
                "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_REGION", "us-east-1",
                "XDG_CACHE_HOME", dir.resolve("cache").toString(),
                "AWS_PROFILE", ""));
        env.putAll(overrides);
        return SeparateProcess.run(dir, env, args);
    }
}
