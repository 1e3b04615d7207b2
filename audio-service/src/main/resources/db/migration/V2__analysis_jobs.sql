-- One recording sent for analysis. step says where the background work stands, so that a
-- restarted instance can resume it (or fail it with a reason); status/progress/message are what
-- clients see (seed 004's AnalysisResult).
CREATE TABLE analysis_job (
    id              uuid PRIMARY KEY,
    token_id        bigint        NOT NULL REFERENCES token (id),
    corporation_id  uuid          NOT NULL,
    requested_by    varchar(100)  NOT NULL,
    status          varchar(12)   NOT NULL CHECK (status IN ('processing', 'completed', 'failed')),
    step            varchar(20)   NOT NULL CHECK (step IN ('received', 'storing', 'requesting', 'analysing', 'done')),
    progress        integer       NOT NULL CHECK (progress BETWEEN 0 AND 100),
    message         varchar(1000) NOT NULL,
    result          text,
    content_type    varchar(50)   NOT NULL,
    size_bytes      bigint        NOT NULL,
    object_key      varchar(300)  NOT NULL,
    spool_path      varchar(500),
    attempts        integer       NOT NULL,
    last_event_seq  integer       NOT NULL,
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL,
    step_started_at timestamptz   NOT NULL,
    finished_at     timestamptz
);
CREATE INDEX analysis_job_open_idx ON analysis_job (step, step_started_at) WHERE status = 'processing';
CREATE INDEX analysis_job_token_idx ON analysis_job (token_id);

-- Every progress change of a job, numbered per job: the SSE event ids, replayed from Last-Event-ID.
CREATE TABLE analysis_job_event (
    job_id     uuid          NOT NULL REFERENCES analysis_job (id) ON DELETE CASCADE,
    seq        integer       NOT NULL,
    status     varchar(12)   NOT NULL,
    progress   integer       NOT NULL,
    message    varchar(1000) NOT NULL,
    result     text,
    created_at timestamptz   NOT NULL,
    PRIMARY KEY (job_id, seq)
);
