-- Append-only wide event rows. ORDER BY starts with what walls filter on (source kind, type, town),
-- then time; `id` last makes ReplacingMergeTree collapse an exact re-insert as a final safety net
-- behind the pipeline's dedupe window.
CREATE TABLE IF NOT EXISTS events
(
    id String,
    kind LowCardinality(String),
    type LowCardinality(String),
    source LowCardinality(String),
    subject String,
    time DateTime64(3, 'UTC'),
    ingested_at DateTime64(3, 'UTC'),
    region_code LowCardinality(String),
    town_code LowCardinality(String),
    grid_code LowCardinality(String),
    severity LowCardinality(String),
    category LowCardinality(String),
    lng Nullable(Float64),
    lat Nullable(Float64),
    envelope String CODEC(ZSTD(3)),
    INDEX idx_ingested_at ingested_at TYPE minmax GRANULARITY 1,
    INDEX idx_id id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_grid grid_code TYPE set(1000) GRANULARITY 4
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (kind, type, town_code, time, id)
SETTINGS non_replicated_deduplication_window = 1000;
