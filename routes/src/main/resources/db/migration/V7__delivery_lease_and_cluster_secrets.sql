-- A delivery claim is a lease: when the send it covers was interrupted (a crash during the SMTP conversation),
-- the message's next delivery takes the send over once the lease has run out, a bounded number of times.
ALTER TABLE booking ADD COLUMN delivery_claimed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE booking ADD COLUMN delivery_takeovers INTEGER NOT NULL DEFAULT 0;

-- Fingerprints (HMAC-SHA256, never the secrets) of the secrets every node of a cluster must share: a node
-- started with another at-rest key or admin token refuses to start instead of writing what others cannot read.
CREATE TABLE cluster_secret (
    name        VARCHAR(64)  PRIMARY KEY,
    fingerprint VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
