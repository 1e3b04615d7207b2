-- Seed 002's photos; each row is also the upscaling job that produces its upscaled image.
CREATE TABLE photo (
    id              uuid PRIMARY KEY,
    owner_id        varchar(100)     NOT NULL,
    corporation_id  uuid,
    original_key    varchar(200)     NOT NULL,
    content_type    varchar(50)      NOT NULL,
    width           integer          NOT NULL,
    height          integer          NOT NULL,
    upscaled_key    varchar(200),
    status          varchar(12)      NOT NULL CHECK (status IN ('queued', 'processing', 'completed', 'failed')),
    -- Incremented on every status change: the id of the change on the SSE stream.
    status_version  integer          NOT NULL,
    failure_reason  varchar(1000),
    model           varchar(12)      NOT NULL,
    scale           integer          NOT NULL,
    latitude        double precision NOT NULL,
    longitude       double precision NOT NULL,
    sharpness       double precision,
    attempts        integer          NOT NULL,
    lease_until     timestamptz,
    created_at      timestamptz      NOT NULL,
    started_at      timestamptz,
    completed_at    timestamptz,
    inference_ms    bigint
);
CREATE INDEX photo_owner_idx ON photo (owner_id, created_at DESC);
-- The workers' queue: queued jobs, and processing ones whose lease may have run out.
CREATE INDEX photo_job_idx ON photo (created_at) WHERE status IN ('queued', 'processing');
