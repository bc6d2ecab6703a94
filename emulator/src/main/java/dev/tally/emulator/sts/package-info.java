@NullMarked
package dev.tally.emulator.sts;

import org.jspecify.annotations.NullMarked;
