-- Switchboard storage, version 22: a subscriber changes the portal password by giving the current one, except in the
-- first minutes of a session opened with a code sent by SMS (the reset of a forgotten password): until then.
ALTER TABLE portal_session ADD COLUMN reset_until_ms BIGINT DEFAULT 0 NOT NULL;
