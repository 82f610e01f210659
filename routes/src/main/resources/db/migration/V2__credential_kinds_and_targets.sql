-- Per-venue credential kind, activation policy and provisioning target, fixed on the booking when it is made,
-- and what the target answered (its id for the credential).
ALTER TABLE booking ADD COLUMN credential_kind VARCHAR(16) NOT NULL DEFAULT 'radius-account';
ALTER TABLE booking ADD COLUMN activation      VARCHAR(16) NOT NULL DEFAULT 'on-confirm';
ALTER TABLE booking ADD COLUMN target          VARCHAR(64) NOT NULL DEFAULT 'radius-sql';
ALTER TABLE booking ADD COLUMN target_ref      VARCHAR(200);

-- Bucket4j token buckets shared by every hub node (controller API rate limits).
CREATE TABLE rate_limit_bucket (
    id    VARCHAR(200) PRIMARY KEY,
    state BYTEA
);

-- Row locks shared by every hub node, for controller lists that are read and written back whole.
CREATE TABLE target_lock (
    name VARCHAR(200) PRIMARY KEY
);
