@NullMarked
package dev.tally.core.io;

import org.jspecify.annotations.NullMarked;
