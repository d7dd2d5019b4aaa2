-- A node finds its due feeds by their next poll time, the longest due first, a batch at a time:
-- the index lets that read only the due rows instead of every feed.
CREATE INDEX feeds_next_poll ON feeds (next_poll_at);
