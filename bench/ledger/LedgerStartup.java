import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import java.nio.file.Files;
import java.nio.file.Path;

/** One JVM: Ledger.open on a new SQLite file, then on the same file again; compare flyway/FlywayStartup. */
public final class LedgerStartup {
    public static void main(String[] args) throws Exception {
        Path db = Files.createTempDirectory("ledger-startup").resolve("l.db");
        long t1 = System.nanoTime();
        Ledger.open(db.toString(), SyncMode.NORMAL).close();
        long t2 = System.nanoTime();
        Ledger.open(db.toString(), SyncMode.NORMAL).close();
        long t3 = System.nanoTime();
        System.out.printf("ledger new-file %.1f ms, existing %.1f ms (first includes class loading)%n",
                (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }
}
