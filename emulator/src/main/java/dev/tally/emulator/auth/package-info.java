@NullMarked
package dev.tally.emulator.auth;

import org.jspecify.annotations.NullMarked;
