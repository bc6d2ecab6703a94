@NullMarked
package dev.tally.spark;

import org.jspecify.annotations.NullMarked;
