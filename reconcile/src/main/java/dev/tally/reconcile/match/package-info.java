@NullMarked
package dev.tally.reconcile.match;

import org.jspecify.annotations.NullMarked;
