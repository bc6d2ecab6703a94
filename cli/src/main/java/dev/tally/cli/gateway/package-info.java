/** {@code tally gateway} (starting the gateway) and {@code tally spend} (its spend through the admin API). */
@NullMarked
package dev.tally.cli.gateway;

import org.jspecify.annotations.NullMarked;
