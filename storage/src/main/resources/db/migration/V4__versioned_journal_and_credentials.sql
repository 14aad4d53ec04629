-- Switchboard storage, version 4.
-- Journal entries carry the stored name of their message (no longer the Java class name) and its version, so that a
-- later release can read them through upcasters; entries written before have no version (the foundation's format).
-- An entry also keeps the idempotency key its command came with, so that replay rebuilds what the engine remembers.
ALTER TABLE journal ADD COLUMN type_version SMALLINT;
ALTER TABLE journal ADD COLUMN request_scope VARCHAR(200);
ALTER TABLE journal ADD COLUMN request_key VARCHAR(128);
ALTER TABLE journal ADD COLUMN request_fingerprint BIGINT;
