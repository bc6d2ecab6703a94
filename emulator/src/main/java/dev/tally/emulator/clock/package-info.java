@NullMarked
package dev.tally.emulator.clock;

import org.jspecify.annotations.NullMarked;
