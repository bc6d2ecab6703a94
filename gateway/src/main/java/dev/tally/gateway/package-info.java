/** The gateway: a proxy in front of Bedrock that meters each call, signs it as its caller and records it in the ledger. */
@NullMarked
package dev.tally.gateway;

import org.jspecify.annotations.NullMarked;
