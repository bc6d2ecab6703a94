/** The AWS sessions calls are signed with: the caller's identity, session credentials from STS and their cache. */
@NullMarked
package dev.tally.gateway.session;

import org.jspecify.annotations.NullMarked;
