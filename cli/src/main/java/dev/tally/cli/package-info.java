/** The {@code tally} command line (picocli): the commands, their options, output and the one error reporter. */
@NullMarked
package dev.tally.cli;

import org.jspecify.annotations.NullMarked;
