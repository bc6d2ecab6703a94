import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The report benchmark's baseline: the hand-written query of shared/bench/report-baseline.sql run through the
 * DuckDB JDBC driver in a minimal program, printing its rows.
 *
 * <p>Usage: {@code java -cp duckdb_jdbc.jar:. BaselineQuery <report-baseline.sql> <file.parquet|file.csv.gz>}
 */
public class BaselineQuery {
    public static void main(String[] args) throws Exception {
        String sql = Files.readString(Path.of(args[0]));
        String file = args[1];
        String source = file.endsWith(".parquet") ? "read_parquet('" + file + "')" : "read_csv('" + file + "', header = true)";
        sql = sql.replace("${SOURCE}", source);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
