-- Switchboard storage, version 8: the SIP credentials of agents' desk phones, which register with the voice
-- channel's registrar by digest authentication. The password is never stored: only its digest HA1,
-- MD5(user ":" realm ":" password) in lower-case hex, which is all a registrar needs and useless for another realm.
CREATE TABLE phone_credential (
    user_name    VARCHAR(200) NOT NULL PRIMARY KEY,  -- the digest user name: the agent's id
    ha1          VARCHAR(32)  NOT NULL,
    issued_at_ms BIGINT       NOT NULL
);
