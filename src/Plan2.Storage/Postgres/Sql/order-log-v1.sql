-- Plan2's order journal, schema version 1: an append-only log of order and account events from
-- which order and account grains are rebuilt. One row per event; a stream is one order (or an
-- account's own events), numbered from 1, and the primary key refuses a second writer of a number.
-- id orders an account's events across its streams as they were appended. Safe to run again.

CREATE TABLE IF NOT EXISTS plan2_schema_version (
    component  text        PRIMARY KEY,
    version    int         NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS plan2_order_events (
    id         bigint      GENERATED ALWAYS AS IDENTITY,
    tenant     text        NOT NULL,
    account_id text        NOT NULL,
    stream_id  text        NOT NULL,
    seq        int         NOT NULL,
    at         timestamptz NOT NULL,
    kind       text        NOT NULL,
    payload    jsonb       NOT NULL,
    PRIMARY KEY (tenant, stream_id, seq)
);

CREATE INDEX IF NOT EXISTS plan2_order_events_by_account ON plan2_order_events (tenant, account_id, id);
