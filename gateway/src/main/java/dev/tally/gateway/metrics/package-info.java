/** The gateway's metrics (Micrometer), with label values capped. */
@NullMarked
package dev.tally.gateway.metrics;

import org.jspecify.annotations.NullMarked;
