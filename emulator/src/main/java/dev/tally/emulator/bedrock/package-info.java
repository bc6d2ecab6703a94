@NullMarked
package dev.tally.emulator.bedrock;

import org.jspecify.annotations.NullMarked;
