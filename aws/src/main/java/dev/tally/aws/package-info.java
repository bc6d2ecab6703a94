@NullMarked
package dev.tally.aws;

import org.jspecify.annotations.NullMarked;
