@NullMarked
package dev.tally.core.error;

import org.jspecify.annotations.NullMarked;
