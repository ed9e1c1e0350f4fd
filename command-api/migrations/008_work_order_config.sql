-- Editable work-order configuration (routing table, auto-creation rules): every saved version is kept,
-- with who saved it; the highest version of each name is in force.
CREATE TABLE IF NOT EXISTS work_order_config
(
    name LowCardinality(String),
    version UInt32,
    updated_at DateTime64(3, 'UTC'),
    updated_by String,
    value String CODEC(ZSTD(3))
)
ENGINE = ReplacingMergeTree
ORDER BY (name, version)
SETTINGS non_replicated_deduplication_window = 100;
