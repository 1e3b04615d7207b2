-- Rate limits shared by every instance of the service (common's RateLimiter): one token bucket per
-- limit and key. Each limited request is one upsert of one row per key.
-- UNLOGGED: a bucket is not worth a WAL flush per request (a logged table's commit waits for one);
-- after a crash of the database the table is empty, and every bucket starts full again.
-- No index besides the key, so updates stay HOT (fillfactor leaves them room on the page); the
-- cleanup scans a table that holds only keys seen in the last minutes.
CREATE UNLOGGED TABLE rate_limit_bucket (
    name           text             NOT NULL,
    key            text             NOT NULL,
    capacity       integer          NOT NULL,
    window_seconds integer          NOT NULL,
    tokens         double precision NOT NULL,
    allowed        boolean          NOT NULL,
    updated_at     timestamptz      NOT NULL,
    PRIMARY KEY (name, key)
) WITH (fillfactor = 70);
