package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive, unpacked outside the clone, runs as a user runs it: through its own bin/tally, with
 * DuckDB's native library loaded from the unpacked copy it ships (not unpacked into a temporary file) and its
 * ahead-of-time cache accepted by the JVM (a rejected cache is an error line on stderr). Runs after
 * {@code package}, which builds the archive.
 */
class DistributionIT {
    @TempDir
    static Path dir;

    static Path tally;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("tally.dist"));
        assertThat(archive).exists();
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", dir.toString())
                .inheritIO()
                .start();
        assertThat(tar.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(tar.exitValue()).isZero();
        try (var top = Files.list(dir)) {
            tally = top.filter(Files::isDirectory).findFirst().orElseThrow().resolve("bin/tally");
        }
    }

    @Test
    void version_printsWithNoJvmComplaint() throws Exception {
        Result r = run(Map.of(), "--version");
        assertThat(r.exit).isZero();
        assertThat(r.out).startsWith("tally ");
        assertThat(r.err).isEmpty();
    }

    @Test
    void report_loadsTheShippedNativeLibrary_withNoTemporaryFolderToUnpackInto() throws Exception {
        Path cur = dir.resolve("cur.parquet");
        assertThat(run(Map.of(), "sample", "cur", "--rows", "500", "--seed", "3", "--out", cur.toString()).exit)
                .isZero();
        // The driver as published would unpack its library into java.io.tmpdir and fail on a folder that does not
        // exist.
        Result r = run(
                Map.of("TALLY_JAVA_OPTS", "-Djava.io.tmpdir=" + dir.resolve("no-such-folder")),
                "report",
                cur.toString(),
                "--by",
                "model",
                "--format",
                "json");
        assertThat(r.exit).as(r.err).isZero();
        // No JDK warning about aircompressor's codecs, which use sun.misc.Unsafe (bin/tally allows it); the
        // missing tmpdir above earns one warning line of its own.
        assertThat(r.err).doesNotContain("Unsafe");
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertThat(json.get("total").decimalValue()).isEqualByComparingTo(bedrockCost(cur));
    }

    @Test
    void gateway_startsWithItsOwnAheadOfTimeCache_acceptedByTheJvm() throws Exception {
        assertThat(dir.resolve(tally).resolveSibling("../lib/tally-gateway.aot").normalize())
                .exists();
        // bin/tally passes -XX:AOTCache for `gateway`; a cache the JVM rejects is an error line on stderr.
        Result r = run(Map.of(), "gateway", "--help");
        assertThat(r.exit).isZero();
        assertThat(r.err).isEmpty();
    }

    @Test
    void eachArchive_holdsOnlyItsOwnPlatformsNativeLibrary_andOnlyTheBuildPlatformsCaches() throws Exception {
        Path built = Path.of(System.getProperty("tally.dist"));
        String version = built.getFileName().toString().replaceFirst("^tally-([^-]+)-.*$", "$1");
        for (String platform : List.of("linux_amd64", "linux_arm64", "macos_arm64")) {
            Path archive = Path.of(System.getProperty("tally.dist.others"))
                    .resolve("tally-" + version + "-" + platform.replace('_', '-') + ".tar.gz");
            List<String> entries = entries(archive);
            List<String> natives = entries.stream()
                    .filter(e -> e.contains("/lib/native/") && !e.endsWith("/"))
                    .toList();
            assertThat(natives)
                    .as(archive.toString())
                    .singleElement()
                    .asString()
                    .contains("/lib/native/" + platform + "/");
            assertThat(entries).as(archive.toString()).anyMatch(e -> e.endsWith("/lib/tally.jar"));
            List<String> caches =
                    entries.stream().filter(e -> e.endsWith(".aot")).toList();
            if (archive.equals(built)) {
                assertThat(caches).hasSize(4);
            } else {
                assertThat(caches)
                        .as("a cache trained here is useless on " + platform)
                        .isEmpty();
            }
        }
    }

    @Test
    void anotherPlatformsArchive_saysWhichArchiveThisMachineNeeds() throws Exception {
        Path built = Path.of(System.getProperty("tally.dist"));
        String name = built.getFileName().toString();
        String here = name.replaceFirst("^tally-[^-]+-(.*)\\.tar\\.gz$", "$1");
        String other = here.equals("linux-amd64") ? "linux-arm64" : "linux-amd64";
        Path elsewhere = Files.createDirectories(dir.resolve("other-platform"));
        Process tar = new ProcessBuilder(
                        "tar",
                        "-xzf",
                        built.resolveSibling(name.replace(here, other)).toString(),
                        "-C",
                        elsewhere.toString())
                .inheritIO()
                .start();
        assertThat(tar.waitFor(2, TimeUnit.MINUTES)).isTrue();
        Path otherTally;
        try (var top = Files.list(elsewhere)) {
            otherTally =
                    top.filter(Files::isDirectory).findFirst().orElseThrow().resolve("bin/tally");
        }
        Result r = run(otherTally, Map.of(), "report", "--help");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err)
                .isEqualTo("tally: this archive is for " + other + "; this machine (" + here + ") needs the " + here
                        + " archive, tally-VERSION-" + here + ".tar.gz\n");
    }

    private static List<String> entries(Path archive) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-tzf", archive.toString()).start();
        String listing = new String(tar.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(tar.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(tar.exitValue()).as(archive.toString()).isZero();
        return listing.lines().toList();
    }

    /** Bedrock spend summed by DuckDB on the test's own classpath, independently of the report's SQL. */
    private static java.math.BigDecimal bedrockCost(Path cur) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT sum(CAST(line_item_unblended_cost AS DECIMAL(38, 12))) FROM read_parquet('" + cur
                                + "') WHERE line_item_product_code LIKE 'AmazonBedrock%' OR (bill_billing_entity = 'AWS Marketplace'"
                                + " AND (product['product_name'] LIKE '%Bedrock%' OR line_item_usage_type ILIKE '%MP:%TokenCount%'))")) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(tally, env, args);
    }

    private static Result run(Path launcher, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES))
                .as("tally %s finished", String.join(" ", args))
                .isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
