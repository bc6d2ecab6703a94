/** The gateway's admin API: keys, budgets, usage limits and spend, behind an admin token. */
@NullMarked
package dev.tally.gateway.admin;

import org.jspecify.annotations.NullMarked;
