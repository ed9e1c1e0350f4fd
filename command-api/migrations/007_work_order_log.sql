-- The durable order log: one row per order version, appended before an action is acknowledged. It is the
-- history (each row holds the order after that version, timeline included, personal data SM4-sealed),
-- the source hot state is rebuilt from, and what assessment reads. Rows of an order share a partition
-- (by creation month) so the ReplacingMergeTree can collapse an exact re-insert of (order_id, version).
CREATE TABLE IF NOT EXISTS work_order_log
(
    order_id String,
    version UInt32,
    at DateTime64(3, 'UTC'),
    action LowCardinality(String),
    actor_id String,
    actor_role LowCardinality(String),
    from_status LowCardinality(String),
    to_status LowCardinality(String),
    kind LowCardinality(String),
    category_code LowCardinality(String),
    urgency LowCardinality(String),
    region_code LowCardinality(String),
    town_code LowCardinality(String),
    owner_department LowCardinality(String),
    departments Array(String),
    created_at DateTime64(3, 'UTC'),
    due_by Nullable(DateTime64(3, 'UTC')),
    title String,
    events String CODEC(ZSTD(3)),
    state String CODEC(ZSTD(3))
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(created_at)
ORDER BY (order_id, version)
SETTINGS non_replicated_deduplication_window = 1000;

-- The latest version of every order, kept by the view below, without the order itself (the log has it,
-- by (order_id, version)): listing, paging and "which orders are open" read it with FINAL.
CREATE TABLE IF NOT EXISTS work_orders_current
(
    order_id String,
    version UInt32,
    status LowCardinality(String),
    kind LowCardinality(String),
    category_code LowCardinality(String),
    urgency LowCardinality(String),
    region_code LowCardinality(String),
    town_code LowCardinality(String),
    owner_department LowCardinality(String),
    departments Array(String),
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    due_by Nullable(DateTime64(3, 'UTC')),
    title String
)
ENGINE = ReplacingMergeTree(version)
ORDER BY order_id
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS work_orders_current_mv TO work_orders_current AS
SELECT
    order_id,
    version,
    to_status AS status,
    kind,
    category_code,
    urgency,
    region_code,
    town_code,
    owner_department,
    departments,
    created_at,
    at AS updated_at,
    due_by,
    title
FROM work_order_log;
