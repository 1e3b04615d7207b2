-- docker-compose's PostgreSQL: one role and one database per service, as infra/suite provisions
-- locally; no role can open another's database. The passwords are the suite's DEV-ONLY ones.
CREATE ROLE auth LOGIN PASSWORD 'auth-dev';
CREATE ROLE upload LOGIN PASSWORD 'upload-dev';
CREATE ROLE video LOGIN PASSWORD 'video-dev';
CREATE ROLE vision LOGIN PASSWORD 'vision-dev';
CREATE ROLE audio LOGIN PASSWORD 'audio-dev';
CREATE DATABASE auth OWNER auth;
CREATE DATABASE upload OWNER upload;
CREATE DATABASE video OWNER video;
CREATE DATABASE vision OWNER vision;
CREATE DATABASE audio OWNER audio;
REVOKE ALL ON DATABASE auth FROM PUBLIC;
REVOKE ALL ON DATABASE upload FROM PUBLIC;
REVOKE ALL ON DATABASE video FROM PUBLIC;
REVOKE ALL ON DATABASE vision FROM PUBLIC;
REVOKE ALL ON DATABASE audio FROM PUBLIC;
