-- Each upload signature is accepted once: a row per accepted signature until its timestamp has left
-- the replay window (after that the timestamp check refuses it anyway).
CREATE TABLE used_signature (
    signature  varchar(64) PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX used_signature_expires_idx ON used_signature (expires_at);
