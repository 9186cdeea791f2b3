-- Bytes per event: indexes on events that cost space without serving a query of their own.
-- Measured on 1 M bench events (see the services report): 8.4 B/event for events_stream_hash_idx,
-- 31.5 B/event for events_category_position_idx.

-- events_hash_log_idx (stream_hash, tx_id, global_position) starts with stream_hash: every
-- stream_hash lookup this one served is served by it.
DROP INDEX IF EXISTS events_stream_hash_idx;

-- Every category query filters on category alone (rebuild counts and preflight, archive
-- policies, subject-row refresh); none reads global_position from this index, and log readers
-- order by (tx_id, global_position) through events_log_order_idx. On category alone the B-tree
-- deduplicates (a posting list per category), a few bytes per event instead of 31.
CREATE INDEX IF NOT EXISTS events_category_idx ON events (category);
DROP INDEX IF EXISTS events_category_position_idx;
