package dev.tally.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.TallyException;
import dev.tally.cur.sample.SampleCur;
import dev.tally.cur.sample.SampleCurConfig;
import dev.tally.report.query.ReportRequest;
import dev.tally.report.read.NumberStorage;
import dev.tally.report.read.SparkSqlDialect;
import dev.tally.report.read.SqlDialect;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's exact money and usage columns ({@link SparkSqlDialect#money}, {@link SparkSqlDialect#moneySum}) against the
 * independent oracle, DuckDB's own {@code CAST(x AS DECIMAL(38, 12))} and {@code DECIMAL(38, 10)}, value by value and
 * summed by group: random doubles of every magnitude up to 10^12, both signs, exact halves and their neighbours,
 * FLOAT, decimal text and DECIMAL columns.
 */
class ExactSumTest {
    private static final SqlDialect SPARK = SparkSqlDialect.INSTANCE;

    @TempDir
    static Path dir;

    @Test
    void doublesOfEveryMagnitude_andExactHalves_areDuckDbsCast_valueByValue_andSummed() throws SQLException {
        assertSameAsDuckDb("doubles", "DOUBLE", doubles(new Random(20261205), 30_000), x -> Double.toString(x));
    }

    @Test
    void floats_areDuckDbsCast() throws SQLException {
        assertSameAsDuckDb("floats", "FLOAT", doubles(new Random(7), 5_000), x -> Float.toString((float) (double) x));
    }

    @Test
    void decimalTextAndDecimalColumns_areDuckDbsCast() throws SQLException {
        Random random = new Random(11);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            StringBuilder t = new StringBuilder(random.nextBoolean() ? "-" : "");
            t.append(Math.abs(random.nextLong()) % (long) Math.pow(10, random.nextInt(11)));
            int decimals = random.nextInt(17);
            if (decimals > 0) {
                t.append('.');
                for (int d = 0; d < decimals; d++) {
                    // Many fives: halves at the 11th and 13th decimals, which the casts round.
                    t.append(random.nextInt(4) == 0 ? '5' : (char) ('0' + random.nextInt(10)));
                }
            }
            texts.add(t.toString());
        }
        Path text = dir.resolve("text.parquet");
        write(text, "VARCHAR", texts);
        assertSameAsDuckDb(text, NumberStorage.DECIMAL);
        Path decimals = dir.resolve("decimals.parquet");
        write(decimals, "DECIMAL(38, 16)", texts);
        assertSameAsDuckDb(decimals, NumberStorage.DECIMAL);
    }

    @Test
    void notANumber_orBeyondTheBound_orAnOverflowingGroup_isOneClearError_evenWithAnsiModeOff() throws Exception {
        SampleCur.withBuiltInPrices().generate(SampleCurConfig.of(200, 9, dir.resolve("small.parquet")));
        // 'NaN' on one line item; 1e13 on one line item (past 2^83 at scale 12); three of 4e12 in one group (each
        // within the bound, their hi parts' BIGINT sum is not).
        for (String value : List.of(
                "CASE WHEN n = 7 THEN 'NaN' ELSE '1' END", "CASE WHEN n = 7 THEN '1e13' ELSE '1' END", "'4e12'")) {
            Path file = dir.resolve("limit-" + Math.abs(value.hashCode()) + ".parquet");
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                    Statement s = duck.createStatement()) {
                s.execute(
                        "COPY (SELECT * EXCLUDE (n) REPLACE (CAST(" + value + " AS DOUBLE) AS line_item_unblended_cost)"
                                + " FROM (SELECT *, row_number() OVER () AS n FROM read_parquet('"
                                + dir.resolve("small.parquet")
                                + "'))) TO '" + file + "' (FORMAT parquet)");
            }
            // A session whose ANSI mode is off would wrap an overflowing BIGINT sum silently: the dialect's setup
            // turns it back on for every report.
            SharedSpark.session().conf().set("spark.sql.ansi.enabled", "false");
            ReportRequest request = ReportRequest.of(List.of(file.toString())).withAllServices();
            assertThatThrownBy(() -> Engines.spark(request))
                    .isInstanceOf(TallyException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("a cost or usage amount is not a finite number, or beyond what Spark sums"
                            + " exactly (about 9.6e12 on one line item or in one group; docs/spark.md)")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(SharedSpark.session().conf().get("spark.sql.ansi.enabled"))
                    .isEqualTo("true");
        }
    }

    /** Doubles of every magnitude up to 10^12 in both signs, products at exact halves and beside them, edge values. */
    private static List<Double> doubles(Random random, int count) {
        List<Double> xs = new ArrayList<>(List.of(
                0.0,
                -0.0,
                Double.MIN_VALUE,
                8617.3721,
                43649.09744232865,
                0.1234567890125,
                -0.1234567890125,
                2.5e-12,
                -2.5e-12,
                0.49999999999999994e-12,
                9007.199254740993,
                9223372.036854775807,
                -9223372.036854775807,
                9300000.123,
                1.0e12,
                -1.0e12));
        while (xs.size() < count) {
            double x = switch (xs.size() % 5) {
                case 0 -> random.nextDouble() * Math.pow(10, random.nextInt(27) - 14);
                case 1 -> random.nextInt(100_000) * 0.000001 * random.nextInt(5_000);
                case 2 -> Math.round(random.nextDouble() * 1e8) / Math.pow(10, 3 + random.nextInt(12));
                case 3 -> {
                    // A product of exactly n + 1/2 at scale 12 or 10, or its neighbour.
                    double n = Math.floor(random.nextDouble() * Math.pow(2, random.nextInt(50)));
                    double half = (n + 0.5) / (random.nextBoolean() ? 1e12 : 1e10);
                    yield switch (random.nextInt(3)) {
                        case 0 -> half;
                        case 1 -> Math.nextUp(half);
                        default -> Math.nextDown(half);
                    };
                }
                default -> random.nextDouble() * Math.pow(10, 6 + random.nextInt(7));
            };
            xs.add(random.nextBoolean() ? x : -x);
        }
        return xs;
    }

    /** Writes {@code values} as a column of {@code type} (binary floating point) and checks it as below. */
    private static void assertSameAsDuckDb(String name, String type, List<Double> values, Function<Double, String> text)
            throws SQLException {
        Path file = dir.resolve(name + ".parquet");
        write(file, type, values.stream().map(text).toList());
        assertSameAsDuckDb(file, NumberStorage.FLOATING_POINT);
    }

    /** A Parquet file written by DuckDB: {@code id INTEGER, x TYPE}, x cast from each text. */
    private static void write(Path file, String type, List<String> values) throws SQLException {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER, x VARCHAR)");
            try (DuckDBAppender a =
                    duck.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t")) {
                for (int i = 0; i < values.size(); i++) {
                    a.beginRow();
                    a.append(i);
                    a.append(values.get(i));
                    a.endRow();
                }
            }
            s.execute("COPY (SELECT id, CAST(x AS " + type + ") AS x FROM t) TO '" + file + "' (FORMAT parquet)");
        }
    }

    /** Per value and per group of about a thousand: DuckDB's casts and sums against Spark's columns. */
    private static void assertSameAsDuckDb(Path file, NumberStorage storage) throws SQLException {
        String perValue = "id";
        String perGroup = "id % 29";
        for (String key : List.of(perValue, perGroup)) {
            Map<Long, List<BigDecimal>> duck = new HashMap<>();
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT " + key + ", sum(CAST(x AS DECIMAL(38, 12))),"
                            + " sum(CAST(x AS DECIMAL(38, 10))) FROM read_parquet('" + file + "') GROUP BY ALL")) {
                while (rs.next()) {
                    duck.put(rs.getLong(1), List.of(rs.getBigDecimal(2), rs.getBigDecimal(3)));
                }
            }
            SparkSession spark = SharedSpark.session();
            SPARK.setup().forEach(spark::sql);
            spark.read().parquet(file.toString()).createOrReplaceTempView("exact_sum_test");
            String columns =
                    columns(SPARK.money("m", "x", storage)) + ", " + columns(SPARK.quantity("q", "x", storage));
            List<Row> rows = spark.sql(
                            "SELECT " + key + ", " + SPARK.moneySum("m", "") + ", " + SPARK.quantitySum("q", "")
                                    + " FROM (SELECT id, " + columns + " FROM exact_sum_test) GROUP BY ALL")
                    .collectAsList();
            Map<Long, List<BigDecimal>> onSpark = new HashMap<>();
            for (Row row : rows) {
                onSpark.put(((Number) row.get(0)).longValue(), List.of(row.getDecimal(1), row.getDecimal(2)));
            }
            assertThat(onSpark).as(file + " by " + key).isEqualTo(duck);
        }
    }

    private static String columns(Map<String, String> columns) {
        return columns.entrySet().stream()
                .map(e -> e.getValue() + " AS " + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
