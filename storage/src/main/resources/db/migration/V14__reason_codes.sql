-- Switchboard storage, version 14: the lists operators pick from (why they are not ready; how a contact ended), kept by
-- administrators. A retired entry stays, inactive, so that earlier contacts keep their meaning.
CREATE TABLE reason_code (
    kind     VARCHAR(16)  NOT NULL,
    position INTEGER      NOT NULL,
    name     VARCHAR(100) NOT NULL,
    active   BOOLEAN      NOT NULL,
    PRIMARY KEY (kind, position)
);
INSERT INTO reason_code (kind, position, name, active) VALUES
    ('NOT_READY', 1, 'break', TRUE),
    ('NOT_READY', 2, 'training', TRUE),
    ('NOT_READY', 3, 'after-call work', TRUE),
    ('NOT_READY', 4, 'technical problem', TRUE),
    ('NOT_READY', 5, 'meeting', TRUE),
    ('DISPOSITION', 1, 'resolved', TRUE),
    ('DISPOSITION', 2, 'information given', TRUE),
    ('DISPOSITION', 3, 'settings sent', TRUE),
    ('DISPOSITION', 4, 'tariff changed', TRUE),
    ('DISPOSITION', 5, 'escalated', TRUE),
    ('DISPOSITION', 6, 'callback arranged', TRUE),
    ('DISPOSITION', 7, 'no answer', TRUE);
