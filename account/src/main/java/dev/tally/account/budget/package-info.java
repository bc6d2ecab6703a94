@NullMarked
package dev.tally.account.budget;

import org.jspecify.annotations.NullMarked;
