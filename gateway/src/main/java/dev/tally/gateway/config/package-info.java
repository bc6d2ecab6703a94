/** The gateway's configuration: its file, flags and the values they hold, validated once at start. */
@NullMarked
package dev.tally.gateway.config;

import org.jspecify.annotations.NullMarked;
