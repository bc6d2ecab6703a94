/** {@code tally demo}: a simulated organisation's traffic through a local gateway and emulator. */
@NullMarked
package dev.tally.cli.demo;

import org.jspecify.annotations.NullMarked;
