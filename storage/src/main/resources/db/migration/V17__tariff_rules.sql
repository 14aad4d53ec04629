-- Switchboard storage, version 17: the catalogue's rules. A tariff has a one-off fee for moving to it (taken from the
-- balance at the change) and may list the services a line on it may have (a JSON array of names; NULL: every one).
ALTER TABLE tariff ADD COLUMN change_fee_minor BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE tariff ADD COLUMN services VARCHAR(8000);
