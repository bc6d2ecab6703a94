@NullMarked
package dev.tally.emulator.costexplorer;

import org.jspecify.annotations.NullMarked;
