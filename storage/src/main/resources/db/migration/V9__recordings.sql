-- Switchboard storage, version 9: recorded conversations of voice contacts. The audio is a WAV file named after the
-- recording's id in the recordings directory (voice.recordings-dir); a row is written only once its file is durable.
CREATE TABLE recording (
    id            UUID         NOT NULL PRIMARY KEY,
    contact_id    UUID         NOT NULL,
    agent_id      VARCHAR(200) NOT NULL,
    queue_id      VARCHAR(200) NOT NULL,
    started_at_ms BIGINT       NOT NULL,
    ended_at_ms   BIGINT       NOT NULL,
    bytes         BIGINT       NOT NULL
);
CREATE INDEX recording_by_contact ON recording (contact_id, started_at_ms);
CREATE INDEX recording_by_end ON recording (ended_at_ms);
