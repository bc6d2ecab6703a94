package dev.tally.ledger;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The gateway's budgets: what {@code tally budget set|list|rm} and the admin API change, and what every gateway
 * replica enforces (it notices changes through {@link #revision()}).
 */
public interface Budgets {

    /**
     * Creates the budget for a scope and period, or replaces the one already there (keeping its id, so its spend
     * so far in the period still counts). Its alerts are logged only.
     *
     * @throws dev.tally.core.error.TallyException USAGE for a negative limit or a threshold outside 1..1000
     */
    Budget set(Scope scope, BigDecimal limit, BudgetPeriod period, boolean soft, List<BigDecimal> thresholds);

    /** As {@link #set(Scope, BigDecimal, BudgetPeriod, boolean, List)}, its alerts also POSTed to {@code webhook}. */
    Budget set(
            Scope scope, BigDecimal limit, BudgetPeriod period, boolean soft, List<BigDecimal> thresholds, URI webhook);

    /** Every budget, by scope. */
    List<Budget> list();

    /**
     * Removes a budget.
     *
     * @throws dev.tally.core.error.TallyException USAGE for an unknown id
     */
    Budget remove(String id);

    /** Each budget's spent, reserved and remaining in the period that holds {@code now}. */
    List<BudgetStatus> status(Instant now);

    /** Changes whenever a budget is set or removed, by any process on this store (one indexed read). */
    long revision();
}
