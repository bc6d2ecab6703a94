@NullMarked
package dev.tally.creds.cache;

import org.jspecify.annotations.NullMarked;
