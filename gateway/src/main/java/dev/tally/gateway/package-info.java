/** The gateway: a proxy before Bedrock that meters each call, signs it as its caller and records it. */
@NullMarked
package dev.tally.gateway;

import org.jspecify.annotations.NullMarked;
