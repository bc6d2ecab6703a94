@NullMarked
package dev.tally.account.export;

import org.jspecify.annotations.NullMarked;
