-- Shared by every service (each in its own database). Versions 0.x belong to the platform; services use 1+.

-- Outbox with Debezium's default column names, captured from the WAL by the relay (no polling publisher).
-- Rows are kept: they are this service's event log, in commit order, for audit and replay.
CREATE TABLE outbox (
    id             uuid PRIMARY KEY,
    aggregatetype  varchar(64)  NOT NULL,
    aggregateid    varchar(128) NOT NULL,
    type           varchar(64)  NOT NULL,
    payload        jsonb        NOT NULL,
    correlation_id varchar(128),
    created_at     timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX outbox_aggregate_idx ON outbox (aggregatetype, aggregateid);

-- Insert-first deduplication: a consumer records the event id in the same transaction as its effect.
CREATE TABLE processed_event (
    consumer     varchar(128) NOT NULL,
    event_id     uuid         NOT NULL,
    processed_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Idempotency-Key of client writes: the first response is stored and replayed for retries.
CREATE TABLE idempotency_key (
    scope         varchar(64)  NOT NULL,
    key           varchar(128) NOT NULL,
    fingerprint   varchar(64)  NOT NULL,
    status        int,
    response_body text,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);

-- Debezium source offsets, so the relay resumes where it stopped (with the persistent replication slot).
CREATE TABLE relay_offset (
    offset_key   text PRIMARY KEY,
    offset_value text,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
