-- Every upload and every upload client belongs to a corporation (null: a user of no corporation),
-- taken from the caller's token; access outside it answers 404.
ALTER TABLE upload ADD COLUMN corporation_id uuid;
ALTER TABLE upload_client ADD COLUMN corporation_id uuid;
CREATE INDEX upload_corporation_idx ON upload (corporation_id, uploaded_at DESC);
CREATE INDEX upload_client_corporation_idx ON upload_client (corporation_id);
