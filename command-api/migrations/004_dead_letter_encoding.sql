-- Binary payloads (Sparkplug B protobuf, OPC UA) are kept as base64; text stays as it came.
ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS encoding LowCardinality(String) DEFAULT 'utf8';
