-- Times are epoch milliseconds; Discord IDs are 64-bit integers.

CREATE TABLE feeds (
    id              INTEGER PRIMARY KEY,
    url             TEXT    NOT NULL UNIQUE,
    title           TEXT,
    site_url        TEXT,
    etag            TEXT,
    last_modified   TEXT,
    content_hash    TEXT,
    created_at      BIGINT  NOT NULL,
    next_poll_at    BIGINT  NOT NULL,
    last_polled_at  BIGINT,
    last_success_at BIGINT,
    last_new_at     BIGINT,
    error_count     INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    failing_since   BIGINT,
    paused_reason   TEXT,
    paused_at       BIGINT
);

CREATE TABLE entries (
    id            INTEGER PRIMARY KEY,
    feed_id       BIGINT  NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    entry_key     TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    url           TEXT,
    author        TEXT,
    summary       TEXT    NOT NULL,
    image_url     TEXT,
    published_at  BIGINT  NOT NULL,
    discovered_at BIGINT  NOT NULL,
    UNIQUE (feed_id, entry_key)
);

-- /latest and the deliverer read a feed's entries newest first
CREATE INDEX entries_feed_published ON entries (feed_id, published_at DESC, id DESC);

CREATE TABLE subscriptions (
    id              INTEGER PRIMARY KEY,
    guild_id        BIGINT  NOT NULL,
    channel_id      BIGINT  NOT NULL,
    feed_id         BIGINT  NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    mention_role_id BIGINT,
    created_by      BIGINT,
    created_at      BIGINT  NOT NULL,
    paused_reason   TEXT,
    UNIQUE (channel_id, feed_id)
);

CREATE INDEX subscriptions_feed ON subscriptions (feed_id);
CREATE INDEX subscriptions_guild ON subscriptions (guild_id);

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    subscription_id BIGINT  NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    entry_id        BIGINT  NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    more_count      INTEGER NOT NULL DEFAULT 0,
    message_id      BIGINT,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    sent_at         BIGINT,
    UNIQUE (subscription_id, entry_id)
);

-- the deliverer's queue: only pending rows, by due time
CREATE INDEX deliveries_pending ON deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX deliveries_entry ON deliveries (entry_id);
