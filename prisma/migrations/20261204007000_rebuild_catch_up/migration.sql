-- A rebuild is caught up only once it has folded every event committed before it started: the
-- highest tx_id in the store at that moment. Its horizon (the snapshot xmin) is not enough, since a
-- transaction held open anywhere in the cluster keeps later commits unreadable, and an empty
-- batch then says "nothing readable", not "nothing left". NULL (versions started before this) waits for nothing.
ALTER TABLE projection_versions ADD COLUMN IF NOT EXISTS catch_up_tx xid8;
