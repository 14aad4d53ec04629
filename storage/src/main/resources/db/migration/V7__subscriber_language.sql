-- Switchboard storage, version 7: the language a subscriber hears the voice menu in (and, later, reads messages
-- in): a code such as ru or en; subscribers from before this version keep Russian, the center's first language.
ALTER TABLE subscriber ADD COLUMN language VARCHAR(8) DEFAULT 'ru' NOT NULL;
