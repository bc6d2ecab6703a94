import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The report benchmark's baseline: the hand-written query of shared/bench/report-baseline.sql run through the
 * DuckDB JDBC driver in a minimal program, printing its rows. A file of several statements (each ending with
 * a semicolon at the end of a line) runs them in order and prints the last one's rows: how the variants of
 * Tally's own query in docs/benchmarks.md were timed, from the SQL {@code TALLY_DEBUG=1 tally report} prints.
 *
 * <p>Usage: {@code java -cp duckdb_jdbc.jar:. BaselineQuery <report-baseline.sql> <file.parquet|file.csv.gz>}
 */
public class BaselineQuery {
    public static void main(String[] args) throws Exception {
        String sql = Files.readString(Path.of(args[0]));
        String file = args[1];
        String source = file.endsWith(".parquet") ? "read_parquet('" + file + "')" : "read_csv('" + file + "', header = true)";
        String[] statements = sql.replace("${SOURCE}", source).strip().split(";\\s*\\n");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (int i = 0; i < statements.length - 1; i++) {
                s.execute(statements[i]);
            }
            print(s.executeQuery(statements[statements.length - 1].replaceFirst(";\\s*$", "")));
        }
    }

    private static void print(ResultSet rs) throws Exception {
        try (rs) {
            int columns = rs.getMetaData().getColumnCount();
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    out.append(i > 1 ? "\t" : "").append(rs.getString(i));
                }
                out.append('\n');
            }
            System.out.print(out);
        }
    }
}
