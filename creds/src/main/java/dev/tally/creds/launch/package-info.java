@NullMarked
package dev.tally.creds.launch;

import org.jspecify.annotations.NullMarked;
