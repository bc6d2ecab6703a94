@NullMarked
package dev.tally.emulator;

import org.jspecify.annotations.NullMarked;
