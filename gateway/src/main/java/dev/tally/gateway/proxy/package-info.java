/** Forwarding a call to Bedrock: its route and operation, the upstream client and the signing. */
@NullMarked
package dev.tally.gateway.proxy;

import org.jspecify.annotations.NullMarked;
