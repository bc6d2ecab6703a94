@NullMarked
package dev.tally.emulator.fault;

import org.jspecify.annotations.NullMarked;
