-- Switchboard storage, version 5: snapshots of the center's state, so that a start replays only the journal after
-- the newest one. The data is opaque to the database (the runtime writes and checks it: a header, deflated sections,
-- a CRC-32C). ${binary} is BLOB on H2 and BYTEA on PostgreSQL.
CREATE TABLE snapshot (
    position    BIGINT    NOT NULL PRIMARY KEY,  -- the journal entries it reflects: seq 1..position
    taken_at_ms BIGINT    NOT NULL,
    bytes       BIGINT    NOT NULL,
    data        ${binary} NOT NULL
);
