@NullMarked
package dev.tally.reconcile.render;

import org.jspecify.annotations.NullMarked;
