-- Switchboard storage, version 19: subscribers sign in to the self-service portal with a password (Argon2id) or a
-- one-time code sent by SMS (kept only as a SHA-256 of the number and the code); wrong tries count per line.
ALTER TABLE subscriber ADD COLUMN portal_password_hash VARCHAR(200);
CREATE TABLE portal_line (
    msisdn          VARCHAR(32) NOT NULL PRIMARY KEY,
    failures        INT         NOT NULL,
    locked_until_ms BIGINT      NOT NULL,
    code_hash       VARCHAR(64),
    code_expires_ms BIGINT      NOT NULL,
    code_sent_ms    BIGINT      NOT NULL
);
CREATE TABLE portal_session (
    session_hash  VARCHAR(64) NOT NULL PRIMARY KEY,
    msisdn        VARCHAR(32) NOT NULL,
    csrf_token    VARCHAR(64) NOT NULL,
    created_at_ms BIGINT      NOT NULL,
    expires_at_ms BIGINT      NOT NULL
);
CREATE INDEX portal_session_by_line ON portal_session (msisdn);
