-- Switchboard storage, version 20: files subscribers attached to their messages (e-mail attachments), kept for the
-- operators who answer and deleted after their retention (mail.attachment-retention-days).
CREATE TABLE attachment (
    id           UUID          NOT NULL PRIMARY KEY,
    contact_id   UUID          NOT NULL,
    message_id   UUID          NOT NULL,
    name         VARCHAR(200)  NOT NULL,
    content_type VARCHAR(200)  NOT NULL,
    bytes        BIGINT        NOT NULL,
    at_ms        BIGINT        NOT NULL,
    content      ${binary}     NOT NULL
);
CREATE INDEX attachment_by_contact ON attachment (contact_id, at_ms);
CREATE INDEX attachment_by_time ON attachment (at_ms);
