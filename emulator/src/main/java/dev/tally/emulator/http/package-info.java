@NullMarked
package dev.tally.emulator.http;

import org.jspecify.annotations.NullMarked;
