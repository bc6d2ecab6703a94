package dev.tally.report.read;

import static org.assertj.core.api.Assertions.assertThat;

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
    void sparkLiterals_escapeBackslashAndQuote_identifiersDoubleBackticks() {
        SparkSqlDialect sql = SparkSqlDialect.INSTANCE;
        assertThat(sql.literal("it's a \\ key")).isEqualTo("'it\\'s a \\\\ key'");
        assertThat(sql.identifier("resource`tags")).isEqualTo("`resource``tags`");
        assertThat(sql.mapValue("`tags`", "iamPrincipal/Project"))
                .isEqualTo("try_element_at(`tags`, 'iamPrincipal/Project')");
    }
}
