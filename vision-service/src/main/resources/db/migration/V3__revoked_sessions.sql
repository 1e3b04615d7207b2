-- The read model of auth-service's user.sessions-revoked (written by common's RevokedSessionsHandler): access
-- tokens of user_id issued before not_before are refused. Every instance keeps a copy in memory and
-- re-reads the rows whose recorded_at is recent (the index), so no request queries this table.
CREATE TABLE revoked_session (
    user_id     uuid PRIMARY KEY,
    not_before  timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX revoked_session_recorded_idx ON revoked_session (recorded_at);
