@NullMarked
package dev.tally.creds.project;

import org.jspecify.annotations.NullMarked;
