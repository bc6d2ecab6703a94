/** The SQL ledger behind {@code Ledger}: SQLite and PostgreSQL connections, dialects and the one writer. */
@NullMarked
package dev.tally.ledger.sql;

import org.jspecify.annotations.NullMarked;
