/** Writing a report as a table, CSV, JSON, Markdown or HTML. */
@NullMarked
package dev.tally.report.render;

import org.jspecify.annotations.NullMarked;
