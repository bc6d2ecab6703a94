@NullMarked
package dev.tally.core.sts;

import org.jspecify.annotations.NullMarked;
