-- A digest being sent is claimed by one node until a time, as deliveries are since V4; another
-- node takes it over only after that, and then each part's nonce keeps it from landing twice.
-- The same schema as db/migration/postgresql/V6.
ALTER TABLE digests ADD COLUMN claimed_by TEXT;
ALTER TABLE digests ADD COLUMN claimed_until BIGINT;
