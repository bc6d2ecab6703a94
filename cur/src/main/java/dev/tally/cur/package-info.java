@NullMarked
package dev.tally.cur;

import org.jspecify.annotations.NullMarked;
