package dev.tally.ledger;

/**
 * How hard a commit holds. {@code NORMAL} survives a killed process (SQLite WAL with synchronous=NORMAL: a
 * commit is in the OS before it returns); {@code FULL} also survives power loss, at an fsync per group commit.
 */
public enum SyncMode {
    NORMAL,
    FULL
}
