package dev.tally.cli.keys;

import dev.tally.core.error.ErrorKind;
import dev.tally.core.error.TallyException;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** {@code --ledger}: where the gateway's ledger is; the same default as {@code tally gateway}'s. */
public final class LedgerOption {
    public static final String DEFAULT = "tally-ledger.db";

    @Option(
            names = "--ledger",
            paramLabel = "PATH|JDBC-URL",
            description =
                    "The gateway's ledger: a SQLite file, a jdbc:sqlite: or jdbc:postgresql: URL (default: ${DEFAULT-VALUE} in the "
                            + "working directory).",
            defaultValue = DEFAULT)
    String location = DEFAULT;

    /**
     * Opens the ledger for one change, making it if it is not there yet. A change refused as a usage mistake (a tag
     * STS would refuse, a rate below 1, model access for a user) leaves no new ledger behind: the store is what
     * checks its input, so it refuses after the ledger is open, and a ledger this call made is removed again.
     */
    public <T> T change(Function<Ledger, T> work) {
        boolean existed = Ledger.exists(location);
        try (Ledger l = open()) {
            return work.apply(l);
        } catch (TallyException e) {
            // The ledger is closed by now (try-with-resources closes before catching).
            if (!existed && e.kind() == ErrorKind.USAGE) {
                Ledger.discardNew(location);
            }
            throw e;
        }
    }

    /** Key commands commit each change before they return; FULL makes that survive power loss too. */
    private Ledger open() {
        return Ledger.open(location, SyncMode.FULL);
    }

    /** For commands that need keys already made: a missing ledger is a mistake, not a new empty one. */
    public Ledger openExisting() {
        if (!Ledger.exists(location)) {
            throw TallyException.usage("no ledger at " + location
                    + " (create a key first with tally keys create, or name the gateway's ledger with --ledger)");
        }
        return open();
    }
}
