@NullMarked
package dev.tally.core.price;

import org.jspecify.annotations.NullMarked;
