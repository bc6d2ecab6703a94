@NullMarked
package dev.tally.reconcile;

import org.jspecify.annotations.NullMarked;
