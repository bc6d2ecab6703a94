@NullMarked
package dev.tally.core.principal;

import org.jspecify.annotations.NullMarked;
