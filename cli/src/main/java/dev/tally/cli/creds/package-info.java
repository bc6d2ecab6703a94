/** {@code tally creds}, {@code tally run} and {@code tally setup}: the laptop's credential process and launcher. */
@NullMarked
package dev.tally.cli.creds;

import org.jspecify.annotations.NullMarked;
