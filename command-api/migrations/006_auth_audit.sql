-- People who sign in. A change appends a row with a higher version; reads use FINAL, so the newest
-- version of each id wins. Passwords are argon2id PHC strings, never the password itself.
CREATE TABLE IF NOT EXISTS users
(
    id String,
    username String,
    display_name String,
    role LowCardinality(String),
    department String,
    town_code String,
    password_hash String,
    disabled UInt8,
    demo UInt8,
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- Read-only tokens for unattended walls. Only a hash of the token is kept; revoking appends a new version.
CREATE TABLE IF NOT EXISTS wall_tokens
(
    id String,
    name String,
    token_hash String,
    created_by String,
    created_at DateTime64(3, 'UTC'),
    revoked_at Nullable(DateTime64(3, 'UTC')),
    demo UInt8,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- Every command, append-only. One hash chain per API node: hash = SM3(prev_hash + canonical JSON of the
-- record), mac = HMAC-SM3(key outside the warehouse, hash). A plain MergeTree keeps every row as written,
-- so a forged or edited row stays visible to GET /api/v1/audit/verify. No TTL: logs are kept ≥ 2 years.
CREATE TABLE IF NOT EXISTS audit_log
(
    node_id LowCardinality(String),
    seq UInt64,
    at DateTime64(3, 'UTC'),
    principal_kind LowCardinality(String),
    user_id String,
    username String,
    role LowCardinality(String),
    action String,
    target String,
    client_address String,
    result_status UInt16,
    result_code LowCardinality(String),
    prev_hash String,
    hash String,
    mac String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (node_id, seq)
-- A retried append carries the same deduplication token and is not stored twice.
SETTINGS non_replicated_deduplication_window = 1000;
