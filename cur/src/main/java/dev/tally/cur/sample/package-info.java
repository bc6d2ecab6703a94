@NullMarked
package dev.tally.cur.sample;

import org.jspecify.annotations.NullMarked;
