package dev.tally.gateway.server;

import static java.util.Objects.requireNonNull;

import dev.tally.gateway.session.Identity;
import dev.tally.ledger.ApiKey;

/**
 * Who a request comes from once authenticated, whichever way: a gateway key, or a company identity token.
 *
 * @param key the key presented; for an identity token, the token seen as a key (id {@code oidc:} and its subject,
 *     its user and session tags, created at {@code iat}, expiring at {@code exp}), so that budgets, limits and
 *     usage events treat both alike
 */
public record Caller(ApiKey key, Identity identity) {
    public Caller {
        requireNonNull(key, "key is null");
        requireNonNull(identity, "identity is null");
    }

    /** The id usage events and the access log name: {@code key_...} or {@code oidc:<sub>}. */
    public String keyId() {
        return key.id();
    }

    public String user() {
        return identity.user();
    }
}
