-- Platform state: uploaded applications, design jobs, runs with their summaries, API tokens.
-- Portable SQL (H2 in PostgreSQL mode and PostgreSQL); times are epoch milliseconds.
CREATE TABLE applications (
    id          VARCHAR(40)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    source      VARCHAR(20)  NOT NULL,
    entry       VARCHAR(500) NOT NULL,
    valid       BOOLEAN      NOT NULL,
    created_ms  BIGINT       NOT NULL
);

CREATE TABLE designs (
    id             VARCHAR(40) PRIMARY KEY,
    application_id VARCHAR(40) NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    status         VARCHAR(20) NOT NULL,
    options        TEXT        NOT NULL,
    result         TEXT,
    solution       TEXT,
    error          TEXT,
    created_ms     BIGINT      NOT NULL,
    finished_ms    BIGINT
);

CREATE TABLE runs (
    id             VARCHAR(40) PRIMARY KEY,
    application_id VARCHAR(40) NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    status         VARCHAR(20) NOT NULL,
    options        TEXT        NOT NULL,
    summary        TEXT,
    error          TEXT,
    created_ms     BIGINT      NOT NULL,
    started_ms     BIGINT,
    finished_ms    BIGINT
);

CREATE TABLE tokens (
    id          VARCHAR(40)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    role        VARCHAR(20)  NOT NULL,
    hash        VARCHAR(64)  NOT NULL UNIQUE,
    created_ms  BIGINT       NOT NULL
);

CREATE INDEX designs_by_application ON designs (application_id);
CREATE INDEX runs_by_application ON runs (application_id);
