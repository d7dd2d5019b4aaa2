-- What a channel makes of its subscriptions: a filter, a message template, a webhook's name and
-- avatar, a digest instead of one message per entry; and what a refresh needs to decide it: an
-- entry's categories and the keys that tell one story carried by two sources.

ALTER TABLE feeds ADD COLUMN image_url TEXT;

-- categories: one per line
ALTER TABLE entries ADD COLUMN categories TEXT;
ALTER TABLE entries ADD COLUMN guid TEXT;
-- the entry's link normalised for comparing stories across sources
ALTER TABLE entries ADD COLUMN story_link TEXT;
CREATE INDEX entries_story_link ON entries (story_link) WHERE story_link IS NOT NULL;
CREATE INDEX entries_guid ON entries (guid) WHERE guid IS NOT NULL;

ALTER TABLE subscriptions ADD COLUMN filter TEXT;
ALTER TABLE subscriptions ADD COLUMN template TEXT;
ALTER TABLE subscriptions ADD COLUMN embed BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE subscriptions ADD COLUMN webhook_name TEXT;
ALTER TABLE subscriptions ADD COLUMN webhook_avatar TEXT;
-- digest: 'daily' or 'weekly', at 'HH:MM' in an IANA time zone; last_due is the last period
-- closed, so a period due while the bot was down is closed once when it comes back
ALTER TABLE subscriptions ADD COLUMN digest_every TEXT;
ALTER TABLE subscriptions ADD COLUMN digest_at TEXT;
ALTER TABLE subscriptions ADD COLUMN digest_zone TEXT;
ALTER TABLE subscriptions ADD COLUMN digest_last_due BIGINT;

-- One message listing a period's entries.
CREATE TABLE digests (
    id              INTEGER PRIMARY KEY,
    subscription_id BIGINT  NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    due_at          BIGINT  NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    message_id      BIGINT,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    sent_at         BIGINT,
    UNIQUE (subscription_id, due_at)
);

CREATE INDEX digests_pending ON digests (next_attempt_at) WHERE state = 'pending';

-- deliveries gains the state 'held' (waiting for its digest), why a delivery was skipped, the
-- digest it went out in and when its last try began. SQLite cannot change a CHECK constraint in
-- place: the table is rebuilt. Nothing references deliveries, so dropping the old one is safe.
CREATE TABLE deliveries_v3 (
    id              INTEGER PRIMARY KEY,
    subscription_id BIGINT  NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    entry_id        BIGINT  NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'held', 'sent', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    more_count      INTEGER NOT NULL DEFAULT 0,
    message_id      BIGINT,
    last_error      TEXT,
    skip_reason     TEXT,
    digest_id       BIGINT  REFERENCES digests (id) ON DELETE SET NULL,
    attempted_at    BIGINT,
    created_at      BIGINT  NOT NULL,
    sent_at         BIGINT,
    UNIQUE (subscription_id, entry_id)
);

INSERT INTO deliveries_v3 (id, subscription_id, entry_id, state, attempts, next_attempt_at,
                           more_count, message_id, last_error, skip_reason, created_at, sent_at)
SELECT id, subscription_id, entry_id, state, attempts, next_attempt_at, more_count, message_id,
       last_error, CASE WHEN state = 'skipped' THEN 'more new entries than one poll posts' END,
       created_at, sent_at
FROM deliveries;

DROP TABLE deliveries;
ALTER TABLE deliveries_v3 RENAME TO deliveries;

CREATE INDEX deliveries_pending ON deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX deliveries_entry ON deliveries (entry_id);
CREATE INDEX deliveries_held ON deliveries (subscription_id) WHERE state = 'held';
CREATE INDEX deliveries_digest ON deliveries (digest_id) WHERE digest_id IS NOT NULL;

-- One webhook per channel, made by the bot to post with a subscription's own name and avatar.
-- The token is a secret: never logged.
CREATE TABLE webhooks (
    channel_id BIGINT PRIMARY KEY,
    webhook_id BIGINT NOT NULL,
    token      TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);
