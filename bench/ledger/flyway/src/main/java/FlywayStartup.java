import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/** One JVM, one migration: Flyway on a new SQLite file, then on the same file again (nothing to apply). */
public final class FlywayStartup {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path db = Files.createTempDirectory("flyway-startup").resolve("l.db");
        String url = "jdbc:sqlite:" + db;
        long t1 = System.nanoTime();
        Flyway.configure().dataSource(url, null, null).load().migrate();
        long t2 = System.nanoTime();
        Flyway.configure().dataSource(url, null, null).load().migrate();
        long t3 = System.nanoTime();
        System.out.printf("flyway new-file %.1f ms, existing %.1f ms (first includes class loading)%n",
                (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }
}
