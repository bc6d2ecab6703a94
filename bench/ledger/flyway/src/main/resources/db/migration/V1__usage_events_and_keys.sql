-- Portable SQL (SQLite and PostgreSQL): TEXT, BIGINT, INTEGER. Times and durations are microseconds since the
-- epoch; costs are decimal text, exact as priced; tags are a JSON object of strings with sorted keys.

-- One row per metered request. Budgets, limits and leases get tables of their own in later migrations.
CREATE TABLE usage_event (
    id TEXT NOT NULL PRIMARY KEY,
    time_us BIGINT NOT NULL,
    key_id TEXT NOT NULL,
    user_name TEXT NOT NULL,
    session_arn TEXT NOT NULL,
    tags TEXT NOT NULL,
    model_id TEXT NOT NULL,
    model TEXT NOT NULL,
    operation TEXT NOT NULL,
    input_tokens BIGINT NOT NULL,
    output_tokens BIGINT NOT NULL,
    cache_read_tokens BIGINT NOT NULL,
    cache_write_5m_tokens BIGINT NOT NULL,
    cache_write_1h_tokens BIGINT NOT NULL,
    pricing_model TEXT NOT NULL,
    cost TEXT NOT NULL,
    currency TEXT NOT NULL,
    http_status INTEGER NOT NULL,
    latency_us BIGINT NOT NULL,
    time_to_first_token_us BIGINT,
    outcome TEXT NOT NULL,
    estimated INTEGER NOT NULL
);

CREATE INDEX usage_event_by_time ON usage_event (time_us);

-- Gateway keys: the SHA-256 of the key (hex), never the key.
CREATE TABLE api_key (
    id TEXT NOT NULL PRIMARY KEY,
    key_hash TEXT NOT NULL UNIQUE,
    user_name TEXT NOT NULL,
    tags TEXT NOT NULL,
    created_us BIGINT NOT NULL,
    expires_us BIGINT,
    revoked_us BIGINT,
    last_used_us BIGINT
);

-- Counters other processes poll to notice changes cheaply ('keys': bumped by every key create and revoke).
CREATE TABLE ledger_revision (
    name TEXT NOT NULL PRIMARY KEY,
    revision BIGINT NOT NULL
);

INSERT INTO ledger_revision (name, revision) VALUES ('keys', 0);
