-- Plan2's tables for Orleans' ADO.NET providers on PostgreSQL, schema version 1.
-- Our own design of the providers' documented contract: queries are looked up by key in
-- orleansquery (unquoted names: the providers' SQL does not quote them). Every statement is
-- safe to run again; the setup code holds an advisory lock while it runs.

CREATE TABLE IF NOT EXISTS plan2_schema_version (
    component  text        PRIMARY KEY,
    version    int         NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleansquery (
    querykey  varchar(64)   PRIMARY KEY,
    querytext varchar(8000) NOT NULL
);

-- One row per grain state. The real grain identity is the key (the providers' hashes are kept
-- only as columns), so two grains whose hashes collide can never read each other's state.
CREATE TABLE IF NOT EXISTS plan2_grain_state (
    service_id      text        NOT NULL,
    grain_type      text        NOT NULL,
    grain_key_n0    bigint      NOT NULL,
    grain_key_n1    bigint      NOT NULL,
    grain_key_ext   text        NOT NULL,
    grain_id_hash   int         NOT NULL,
    grain_type_hash int         NOT NULL,
    payload         bytea,
    version         int         NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_key_n0, grain_key_n1, grain_key_ext)
);

-- Reminders; grain_hash is the provider's unsigned ring hash stored as signed int4, compared as such.
CREATE TABLE IF NOT EXISTS plan2_reminder (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    grain_hash    int         NOT NULL,
    version       int         NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS plan2_reminder_by_hash ON plan2_reminder (service_id, grain_hash);
