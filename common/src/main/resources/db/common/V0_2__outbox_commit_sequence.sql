-- The relay publishes pending rows in insertion order of this sequence (per aggregate also the
-- commit order, as a service changes one aggregate in one transaction at a time), no longer by
-- created_at, which two instances' clocks may disagree on.
ALTER TABLE outbox_event ADD COLUMN seq bigserial NOT NULL;
CREATE INDEX outbox_event_unsent_seq_idx ON outbox_event (seq) WHERE sent_at IS NULL;
DROP INDEX outbox_event_pending_idx;
