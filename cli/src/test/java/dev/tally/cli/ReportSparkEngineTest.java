package dev.tally.cli;

import static dev.tally.cli.ReportCommandTest.tally;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tally.cli.ReportCommandTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tally report --engine}: the choice, the one-line error without Spark's jars, and Spark end to end. */
class ReportSparkEngineTest {
    private static final String FOCUS = Path.of(System.getProperty("tally.shared"), "data", "focus-1.0-sample.csv")
            .toString();
    private static final Path ROOT = Path.of(System.getProperty("tally.root", "."));

    @Test
    void unknownEngine_exitsTwoWithOneLine() {
        Result r = tally("report", FOCUS, "--engine", "bigquery");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--engine 'bigquery' is not one of: duckdb, spark");
    }

    @Test
    void sparkOptions_withoutSparkEngine_exitTwo() {
        Result r = tally("report", FOCUS, "--spark-conf", "spark.executor.memory=4g");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("need --engine spark");
    }

    @Test
    void sparkEngine_withoutSparksJars_saysWhatToDoInOneLine(@TempDir Path empty) {
        assumeTrue(System.getenv("SPARK_HOME") == null, "SPARK_HOME is set: Spark's jars would be found there");
        String before = System.getProperty("tally.root");
        System.setProperty("tally.root", empty.toString());
        try {
            Result r = tally("report", FOCUS, "--engine", "spark");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip())
                    .doesNotContain("\n")
                    .contains("--engine spark: no Spark jars in " + empty.resolve("spark/target/spark-lib"))
                    .contains("set SPARK_HOME");
        } finally {
            System.setProperty("tally.root", before);
        }
    }

    /** The child JVM runs on what module spark packaged: in the full build it comes before cli. */
    @Test
    void sparkEngine_endToEnd_printsTheSameJsonAsDuckDb() {
        assumeTrue(
                Files.isDirectory(ROOT.resolve("spark/target/spark-lib")),
                "module spark is not packaged (./mvnw -pl spark -am package)");
        String[] args = {"report", FOCUS, "--all-services", "--by", "service,tag:team", "--format", "json"};
        Result duckdb = tally(args);
        Result spark = tally(concat(args, "--engine", "spark", "--spark-master", "local[1]"));
        assertThat(spark.exit()).as(spark.err()).isZero();
        assertThat(spark.out()).isEqualTo(duckdb.out()).contains("\"cost\"");
        // The first report leaves the child's AOT cache (surefire's XDG_CACHE_HOME, in target/); the next starts
        // from it with the same answer.
        Path aot = Path.of(System.getenv("XDG_CACHE_HOME"), "tally", "spark");
        assertThat(aot).isDirectoryContaining("glob:**/child-*.aot");
        Result again = tally(concat(args, "--engine", "spark", "--spark-master", "local[1]"));
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(duckdb.out());
        assertThat(again.err()).doesNotContain("aot");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
