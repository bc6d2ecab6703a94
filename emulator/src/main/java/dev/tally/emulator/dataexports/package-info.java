@NullMarked
package dev.tally.emulator.dataexports;

import org.jspecify.annotations.NullMarked;
