-- Plan2's order journal, schema version 2: one row per append to a stream instead of one per entry.
-- An order's placement and fills (placed, submitted, accepted, filled) arrive in one append, and one
-- row means one heap tuple and one entry in each index per commit instead of four. The row's own
-- columns are the append's first entry; "more" holds the rest, in sequence order from seq + 1, as
-- [{"at": timestamptz text, "kind": text, "payload": json}], or NULL when the append had one entry.
-- Rows written by version 1 have NULL there and read as before. The primary key still refuses a
-- second writer: an append starts right after what its writer read as durable, and durable entries
-- end where a row ends, so two writers of one stream start their appends at the same sequence.
-- Safe to run again.

ALTER TABLE plan2_order_events ADD COLUMN IF NOT EXISTS more jsonb;
