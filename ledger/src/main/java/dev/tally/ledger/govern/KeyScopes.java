package dev.tally.ledger.govern;

import dev.tally.core.error.TallyException;
import dev.tally.ledger.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A budget or limit for {@code key:ID} must name a key of the same ledger: keys are made in it, so an id it does not
 * hold is a typo, and a budget under it would never apply while its author believed the key capped. A revoked key
 * still counts (its budget may outlive it, as its spend does).
 */
final class KeyScopes {
    private KeyScopes() {}

    /** Checks inside the write transaction {@code tx}, so a key cannot vanish between the check and the write. */
    static void requireKnown(Connection tx, Scope scope) throws SQLException {
        if (scope.kind() != Scope.Kind.KEY) {
            return;
        }
        try (PreparedStatement s = tx.prepareStatement("SELECT 1 FROM api_key WHERE id = ?")) {
            s.setString(1, scope.name());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw TallyException.usage("scope " + scope + ": no key with id '" + scope.name()
                            + "' in this ledger (expected an id that tally keys list shows)");
                }
            }
        }
    }
}
