/** Metering a call: the tokens in a response or stream, the service tier, and their price. */
@NullMarked
package dev.tally.gateway.metering;

import org.jspecify.annotations.NullMarked;
