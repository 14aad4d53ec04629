-- Switchboard storage, version 12: the operator's catalogue of tariffs and services that operators change subscribers'
-- accounts to (the self-service issue adds rules, change fees and itemized records on top).
CREATE TABLE tariff (
    name              VARCHAR(100) NOT NULL PRIMARY KEY,
    description       VARCHAR(500) NOT NULL,
    monthly_fee_minor BIGINT       NOT NULL,
    currency          VARCHAR(3)   NOT NULL
);
CREATE TABLE line_service (
    name              VARCHAR(100) NOT NULL PRIMARY KEY,
    description       VARCHAR(500) NOT NULL,
    monthly_fee_minor BIGINT       NOT NULL,
    currency          VARCHAR(3)   NOT NULL
);
