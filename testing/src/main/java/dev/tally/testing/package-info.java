@NullMarked
package dev.tally.testing;

import org.jspecify.annotations.NullMarked;
