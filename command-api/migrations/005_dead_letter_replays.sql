-- Replays are appended, never updated: the dead letter stays as it came, with its history beside it.
CREATE TABLE IF NOT EXISTS dead_letter_replays
(
    dead_letter_id String,
    replayed_at DateTime64(3, 'UTC'),
    outcome LowCardinality(String),
    detail String
)
ENGINE = MergeTree
ORDER BY (dead_letter_id, replayed_at);
