@NullMarked
package dev.tally.account.ce;

import org.jspecify.annotations.NullMarked;
