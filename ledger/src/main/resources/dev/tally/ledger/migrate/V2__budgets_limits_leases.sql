-- Budgets, rate limits and the leases that gateway replicas hold on shared counters. Portable SQL as V1.
-- Amounts are billionths of the currency unit (BIGINT), so counters add exactly in SQL.

CREATE TABLE budget (
    id TEXT NOT NULL PRIMARY KEY,
    scope TEXT NOT NULL,
    period TEXT NOT NULL,
    limit_nanos BIGINT NOT NULL,
    soft INTEGER NOT NULL,
    thresholds TEXT NOT NULL,
    webhook TEXT,
    created_us BIGINT NOT NULL
);

CREATE UNIQUE INDEX budget_by_scope ON budget (scope, period);

CREATE TABLE usage_limit (
    id TEXT NOT NULL PRIMARY KEY,
    scope TEXT NOT NULL UNIQUE,
    requests_per_minute BIGINT,
    tokens_per_minute BIGINT,
    models TEXT NOT NULL,
    created_us BIGINT NOT NULL
);

-- A shared counter's use: a budget's spend in one period ('budget/<id>/<period start>'), charged in the same
-- transaction as the usage events that spent it.
CREATE TABLE lease_counter (
    name TEXT NOT NULL PRIMARY KEY,
    used BIGINT NOT NULL
);

-- What each replica holds of a counter's free room, until it expires.
CREATE TABLE lease (
    holder TEXT NOT NULL,
    counter TEXT NOT NULL,
    amount BIGINT NOT NULL,
    expires_us BIGINT NOT NULL,
    PRIMARY KEY (holder, counter)
);

CREATE INDEX lease_by_counter ON lease (counter);

-- Budget alerts that fired: one row per budget period and threshold, so each fires once across replicas.
CREATE TABLE budget_alert (
    counter TEXT NOT NULL,
    threshold TEXT NOT NULL,
    PRIMARY KEY (counter, threshold)
);

INSERT INTO ledger_revision (name, revision) VALUES ('budgets', 0);
INSERT INTO ledger_revision (name, revision) VALUES ('limits', 0);
