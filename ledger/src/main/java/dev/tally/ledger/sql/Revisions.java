package dev.tally.ledger.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The ledger_revision counters ('keys', 'budgets', 'limits'): bumped in the transaction of every change, polled by
 * gateway replicas so that a change made anywhere reaches all of them within their poll interval.
 */
public final class Revisions {
    private Revisions() {}

    public static void bump(Connection tx, String name) throws SQLException {
        try (PreparedStatement s =
                tx.prepareStatement("UPDATE ledger_revision SET revision = revision + 1 WHERE name = ?")) {
            s.setString(1, name);
            s.executeUpdate();
        }
    }

    public static long read(ConnectionPool connections, String name) {
        return connections.with("read the " + name + " revision", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT revision FROM ledger_revision WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getLong(1) : 0L;
                }
            }
        });
    }
}
