package dev.tally.report.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Each dialect quotes what file and tag names may hold, so a name is never read as SQL. */
class SqlDialectTest {
    @Test
    void duckDbLiteralsAndIdentifiers_roundTripThroughDuckDb() throws Exception {
        DuckDbDialect sql = DuckDbDialect.INSTANCE;
        String nasty = "it's a \"quoted\" \\ key";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT " + sql.literal(nasty) + " AS " + sql.identifier("lineItem/Usage \"Type\""))) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(nasty);
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("lineItem/Usage \"Type\"");
        }
    }

    @Test
    void duckDbMoney_isItsOwnDecimalCast_inOneColumn_summedAsIs() {
        DuckDbDialect sql = DuckDbDialect.INSTANCE;
        for (NumberStorage storage : NumberStorage.values()) {
            assertThat(sql.money("cost", "\"c\"", storage))
                    .containsExactly(entry("cost", "CAST(\"c\" AS DECIMAL(38, 12))"));
            assertThat(sql.quantity("usage_amount", "\"u\"", storage))
                    .containsExactly(entry("usage_amount", "CAST(\"u\" AS DECIMAL(38, 10))"));
        }
        assertThat(sql.moneySum("cost", " FILTER (WHERE tally_copy = 1)"))
                .isEqualTo("sum(cost) FILTER (WHERE tally_copy = 1)");
    }

    @Test
    void sparkMoney_isTwoBigintColumnsPerValue() {
        SparkSqlDialect sql = SparkSqlDialect.INSTANCE;
        assertThat(sql.money("cost", "`c`", NumberStorage.FLOATING_POINT).keySet())
                .containsExactly("cost_hi", "cost_lo");
        assertThat(sql.quantity("usage_amount", "`u`", NumberStorage.DECIMAL).keySet())
                .containsExactly("usage_amount_hi", "usage_amount_lo");
        assertThat(sql.setup()).contains("SET spark.sql.ansi.enabled = true");
    }

    @Test
    void sparkLiterals_escapeBackslashAndQuote_identifiersDoubleBackticks() {
        SparkSqlDialect sql = SparkSqlDialect.INSTANCE;
        assertThat(sql.literal("it's a \\ key")).isEqualTo("'it\\'s a \\\\ key'");
        assertThat(sql.identifier("resource`tags")).isEqualTo("`resource``tags`");
        assertThat(sql.mapValue("`tags`", "iamPrincipal/Project"))
                .isEqualTo("try_element_at(`tags`, 'iamPrincipal/Project')");
    }
}
