/** OIDC callers: verifying their tokens against a JWKS and mapping claims to identities. */
@NullMarked
package dev.tally.gateway.oidc;

import org.jspecify.annotations.NullMarked;
