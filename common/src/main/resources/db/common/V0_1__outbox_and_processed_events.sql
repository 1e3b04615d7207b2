-- Shared by every service (Flyway location db/common): the transactional outbox and the
-- idempotent consumers' record of processed events. Service migrations start at V1.
CREATE TABLE outbox_event (
    id          uuid PRIMARY KEY,
    topic       varchar(200)  NOT NULL,
    event_key   varchar(200)  NOT NULL,
    event_type  varchar(200)  NOT NULL,
    payload     text          NOT NULL,
    request_id  varchar(128),
    created_at  timestamptz   NOT NULL,
    sent_at     timestamptz,
    attempts    integer       NOT NULL DEFAULT 0,
    last_error  varchar(1000)
);
CREATE INDEX outbox_event_pending_idx ON outbox_event (created_at) WHERE sent_at IS NULL;

CREATE TABLE processed_event (
    consumer     varchar(200) NOT NULL,
    event_id     uuid         NOT NULL,
    event_type   varchar(200) NOT NULL,
    processed_at timestamptz  NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
