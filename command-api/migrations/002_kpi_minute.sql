-- Per-minute counts that walls poll; a SummingMergeTree keeps this tiny whatever the raw volume.
CREATE TABLE IF NOT EXISTS kpi_minute
(
    minute DateTime('UTC'),
    kind LowCardinality(String),
    type LowCardinality(String),
    town_code LowCardinality(String),
    severity LowCardinality(String),
    events UInt64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, kind, type, town_code, severity)
-- A retried events batch (same deduplication token) must not be counted twice here either.
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS kpi_minute_mv TO kpi_minute AS
SELECT
    toStartOfMinute(time) AS minute,
    kind,
    type,
    town_code,
    severity,
    count() AS events
FROM events
GROUP BY minute, kind, type, town_code, severity;
