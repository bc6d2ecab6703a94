@NullMarked
package dev.tally.emulator.billing;

import org.jspecify.annotations.NullMarked;
