-- Seed 001's USER.point: each user's total, as video-service reports it in points.granted.
ALTER TABLE app_user ADD COLUMN point bigint NOT NULL DEFAULT 0;
