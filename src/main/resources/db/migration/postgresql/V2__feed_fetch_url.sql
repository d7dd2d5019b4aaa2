-- Where a feed is fetched from after a permanent redirect. The url column stays the address
-- people and the configuration subscribed with, so they still find the same feed.
ALTER TABLE feeds ADD COLUMN fetch_url TEXT;
