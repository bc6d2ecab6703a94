@NullMarked
package dev.tally.emulator.sso;

import org.jspecify.annotations.NullMarked;
