-- Everything a boundary rejected, with the raw bytes and the reason, so nothing is silently lost.
CREATE TABLE IF NOT EXISTS dead_letters
(
    id String,
    received_at DateTime64(3, 'UTC'),
    origin LowCardinality(String),
    reason String,
    raw String CODEC(ZSTD(3))
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(received_at)
ORDER BY (received_at, id);
