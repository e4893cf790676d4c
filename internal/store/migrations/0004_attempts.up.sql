-- Every attempt of the daemon (or of run) to pay a month, successful or not,
-- written outside the run's own transaction, so that an operator can see a
-- failure that recorded nothing.
CREATE TABLE attempts (
    id          INTEGER PRIMARY KEY,
    month       TEXT    NOT NULL,
    started_at  TEXT    NOT NULL,
    finished_at TEXT    NOT NULL,
    outcome     TEXT    NOT NULL CHECK (outcome IN ('recorded', 'failed', 'waiting')),
    run_id      INTEGER,
    message     TEXT    NOT NULL DEFAULT ''
);
