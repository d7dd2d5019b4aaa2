-- Discord lets a bot's shards of one bucket (shard_id % max_concurrency) identify once per 5
-- seconds, whichever process sends: the nodes take turns through this table.
CREATE TABLE identify_buckets (
    bucket      INTEGER PRIMARY KEY,
    last_at     BIGINT  NOT NULL
);
