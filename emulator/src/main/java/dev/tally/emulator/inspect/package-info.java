@NullMarked
package dev.tally.emulator.inspect;

import org.jspecify.annotations.NullMarked;
