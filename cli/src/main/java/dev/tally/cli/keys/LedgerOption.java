package dev.tally.cli.keys;

import dev.tally.core.error.TallyException;
import dev.tally.ledger.Ledger;
import dev.tally.ledger.SyncMode;
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

    /** Key commands commit each change before they return; FULL makes that survive power loss too. */
    public Ledger open() {
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
