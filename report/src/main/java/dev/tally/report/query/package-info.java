/** Building a report: the request, the first aggregation an engine runs, and the exact sums by dimension. */
@NullMarked
package dev.tally.report.query;

import org.jspecify.annotations.NullMarked;
