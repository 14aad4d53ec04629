-- Switchboard storage, version 15: the voice menu (IVR) as administrators edit it in the console. One row, absent
-- until the first change: then it, not voice.ivr-file, is the menu the center starts with. version counts changes so
-- that two administrators never overwrite each other.
CREATE TABLE voice_menu (
    id            INTEGER        NOT NULL PRIMARY KEY,
    text          VARCHAR(60000) NOT NULL,
    version       BIGINT         NOT NULL,
    changed_at_ms BIGINT         NOT NULL,
    changed_by    VARCHAR(200)   NOT NULL
);
