-- Switchboard storage, version 10: staff sign in to the browser desk with a password (an Argon2id hash in PHC form),
-- which opens a session (its secret stored as a SHA-256 hash). Principals themselves stay in access_token.
CREATE TABLE staff_password (
    principal_name  VARCHAR(200) NOT NULL PRIMARY KEY,
    password_hash   VARCHAR(200) NOT NULL,
    failures        INT          NOT NULL,
    locked_until_ms BIGINT       NOT NULL,
    changed_at_ms   BIGINT       NOT NULL
);
CREATE TABLE staff_session (
    session_hash   VARCHAR(64)  NOT NULL PRIMARY KEY,
    principal_name VARCHAR(200) NOT NULL,
    csrf_token     VARCHAR(64)  NOT NULL,
    created_at_ms  BIGINT       NOT NULL,
    expires_at_ms  BIGINT       NOT NULL
);
CREATE INDEX staff_session_by_principal ON staff_session (principal_name);
CREATE INDEX staff_session_by_expiry ON staff_session (expires_at_ms);
