-- Several processes on one database. SQLite runs one node, but keeps the same tables so that the
-- store means the same on both dialects; db/migration/postgresql/V4 is the same schema.

-- Each running node, and when it last said it was alive. A node not seen for a lease's length is
-- gone: the others share its shards and its part of Discord's global rate.
CREATE TABLE nodes (
    node_id    TEXT   PRIMARY KEY,
    started_at BIGINT NOT NULL,
    seen_at    BIGINT NOT NULL
);

-- Which node holds which Discord shard, until when. A lease not renewed by its end is free.
CREATE TABLE shard_leases (
    shard_id   INTEGER PRIMARY KEY,
    node_id    TEXT    NOT NULL,
    expires_at BIGINT  NOT NULL
);

-- A delivery being sent is claimed by one node until a time; another node takes it over only
-- after that, and then the nonce and the earlier-post lookup keep it from landing twice.
ALTER TABLE deliveries ADD COLUMN claimed_by TEXT;
ALTER TABLE deliveries ADD COLUMN claimed_until BIGINT;
