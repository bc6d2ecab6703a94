@NullMarked
package dev.tally.core.usage;

import org.jspecify.annotations.NullMarked;
