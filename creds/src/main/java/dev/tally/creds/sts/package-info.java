@NullMarked
package dev.tally.creds.sts;

import org.jspecify.annotations.NullMarked;
