-- Switchboard storage, version 21: the e-mail address a subscriber registered (lower case), so that mail from it is
-- matched to the subscriber; one subscriber per address.
ALTER TABLE subscriber ADD COLUMN email VARCHAR(254);
CREATE UNIQUE INDEX subscriber_by_email ON subscriber (email);
