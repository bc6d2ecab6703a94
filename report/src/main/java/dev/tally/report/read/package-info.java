/** Reading the exports: finding and fetching files, telling CUR 1.0, CUR 2.0 and FOCUS apart, one shape for all. */
@NullMarked
package dev.tally.report.read;

import org.jspecify.annotations.NullMarked;
