@NullMarked
package dev.tally.creds.profile;

import org.jspecify.annotations.NullMarked;
