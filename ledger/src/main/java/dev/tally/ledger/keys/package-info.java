/** API keys in the ledger: only a key's SHA-256 is stored; created, found, listed, revoked and touched. */
@NullMarked
package dev.tally.ledger.keys;

import org.jspecify.annotations.NullMarked;
