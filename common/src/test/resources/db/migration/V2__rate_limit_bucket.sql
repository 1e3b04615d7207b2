-- Rate limits shared by every instance of the service (common's RateLimiter): one token bucket per
-- limit and key. Each limited request is one upsert of one row per key; rows are deleted by the
-- cleanup once idle and full. No index besides the key: updates stay HOT (fillfactor leaves them
-- room) and the cleanup scans a table that holds only the keys seen in the last minutes.
CREATE TABLE rate_limit_bucket (
    name           text             NOT NULL,
    key            text             NOT NULL,
    capacity       integer          NOT NULL,
    window_seconds integer          NOT NULL,
    tokens         double precision NOT NULL,
    allowed        boolean          NOT NULL,
    updated_at     timestamptz      NOT NULL,
    PRIMARY KEY (name, key)
) WITH (fillfactor = 70);
