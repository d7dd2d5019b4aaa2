-- How often each feed is polled follows its own rhythm. The feed's <ttl> (in seconds) is kept so
-- that a 304 or an unchanged body, which carry no <ttl>, still respect it; the interval chosen at
-- the last poll and why are kept for /subscriptions and `orrery status`.
ALTER TABLE feeds ADD COLUMN ttl_seconds INTEGER;
ALTER TABLE feeds ADD COLUMN poll_interval_seconds INTEGER;
ALTER TABLE feeds ADD COLUMN poll_interval_reason TEXT;
