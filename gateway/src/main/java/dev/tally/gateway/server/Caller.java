package dev.tally.gateway.server;

import static java.util.Objects.requireNonNull;

import dev.tally.gateway.session.Identity;

/**
 * Who a request comes from once authenticated, whichever way: a gateway key, or a company identity token.
 *
 * @param keyId the key's id, or {@code oidc:} and the token's subject, as usage events and the access log name it
 */
public record Caller(String keyId, Identity identity) {
    public Caller {
        requireNonNull(keyId, "keyId is null");
        requireNonNull(identity, "identity is null");
    }

    public String user() {
        return identity.user();
    }
}
