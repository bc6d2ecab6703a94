@NullMarked
package dev.tally.account.tags;

import org.jspecify.annotations.NullMarked;
