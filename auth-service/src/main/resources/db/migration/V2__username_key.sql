-- User names may be in any script (seed 002: 3-50 characters). They are compared case-insensitively
-- on a key the service computes (NFC, lower-cased by Java's Unicode rules), so uniqueness does not
-- depend on the database's locale. Names before this migration were ASCII, where lower() is exact.
ALTER TABLE app_user ADD COLUMN username_key varchar(200);
UPDATE app_user SET username_key = lower(username);
ALTER TABLE app_user ALTER COLUMN username_key SET NOT NULL;
DROP INDEX app_user_username_key;
CREATE UNIQUE INDEX app_user_username_key ON app_user (username_key);
