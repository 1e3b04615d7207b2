-- Head counts of upload-service's classroom snapshots (lecture-image.uploaded), one per upload.
CREATE TABLE people_count (
    upload_id    bigint PRIMARY KEY,
    status       varchar(10)  NOT NULL CHECK (status IN ('done', 'failed')),
    count        integer,
    -- [{"x1":..,"y1":..,"x2":..,"y2":..,"score":..}] in the image's pixels
    detections   text,
    model        varchar(100) NOT NULL,
    duration_ms  bigint       NOT NULL,
    error        varchar(1000),
    counted_at   timestamptz  NOT NULL
);
