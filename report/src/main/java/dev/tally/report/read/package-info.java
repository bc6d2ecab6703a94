/** Reading the exports: finding and fetching the files, detecting CUR 1.0, CUR 2.0 and FOCUS, and mapping each to one set of columns. */
@NullMarked
package dev.tally.report.read;

import org.jspecify.annotations.NullMarked;
