-- Plan2's order journal, schema version 3: account snapshots. One row per account: its books as JSON (format says
-- which layout), covering the journal up to row id "position" of plan2_order_events. Only shortens a rebuild; the
-- journal stays the truth, so the table may be emptied at any time (accounts then replay their whole journal once).
-- Safe to run again.

CREATE TABLE IF NOT EXISTS plan2_account_snapshots (
    tenant     text        NOT NULL,
    account_id text        NOT NULL,
    format     int         NOT NULL,
    position   bigint      NOT NULL,
    state      jsonb       NOT NULL,
    stored_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, account_id)
);
