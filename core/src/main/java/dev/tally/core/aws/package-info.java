@NullMarked
package dev.tally.core.aws;

import org.jspecify.annotations.NullMarked;
