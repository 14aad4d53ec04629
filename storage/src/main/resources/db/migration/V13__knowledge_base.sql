-- Switchboard storage, version 13: the knowledge base operators search while serving subscribers (articles to read,
-- canned answers to insert into a reply), kept by supervisors. search_text is title, tags and body in lower case,
-- what a search matches words against; version counts changes so that two supervisors never overwrite each other.
CREATE TABLE knowledge_article (
    id            UUID          NOT NULL PRIMARY KEY,
    kind          VARCHAR(16)   NOT NULL,
    title         VARCHAR(200)  NOT NULL,
    body          VARCHAR(16000) NOT NULL,
    tags          VARCHAR(1000) NOT NULL,
    search_text   VARCHAR(18000) NOT NULL,
    version       INTEGER       NOT NULL,
    updated_at_ms BIGINT        NOT NULL,
    updated_by    VARCHAR(200)  NOT NULL
);
CREATE UNIQUE INDEX knowledge_article_title ON knowledge_article (kind, title);
