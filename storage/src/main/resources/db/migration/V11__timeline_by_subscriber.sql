-- Switchboard storage, version 11: the timeline row that holds a contact's ContactCreated names its subscriber (the
-- subscriberId the channel gave, else the caller's address), so the desk can show a subscriber's last contacts on any
-- channel. Rows written before this version have none: their contacts are not found by subscriber.
ALTER TABLE contact_timeline ADD COLUMN subscriber_id VARCHAR(256);
CREATE INDEX contact_timeline_by_subscriber ON contact_timeline (subscriber_id, seq);
