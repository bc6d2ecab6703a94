/** Where a proxied request's time goes: the stages it passes and when, for the benchmark's breakdown. */
@NullMarked
package dev.tally.gateway.timing;

import org.jspecify.annotations.NullMarked;
