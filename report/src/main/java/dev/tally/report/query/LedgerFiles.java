package dev.tally.report.query;

import dev.tally.core.error.TallyException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What reading a ledger (reports, reconcile) checks first: opening a ledger creates it, and a reader never should. */
public final class LedgerFiles {
    private LedgerFiles() {}

    /** Refuses, as a usage error, a ledger file that does not exist; server URLs are left to {@code Ledger.open}. */
    public static void mustExist(String location) {
        String path = location.strip();
        if (path.startsWith("jdbc:sqlite:")) {
            path = path.substring("jdbc:sqlite:".length());
            int query = path.indexOf('?');
            path = query < 0 ? path : path.substring(0, query);
            path = path.startsWith("file:") ? path.substring("file:".length()) : path;
        } else if (path.startsWith("jdbc:")) {
            return; // a server database: Ledger.open says what it makes of it
        }
        if (!path.isEmpty() && !Files.exists(Path.of(path))) {
            throw TallyException.usage("--ledger " + location + ": no such file");
        }
    }
}
