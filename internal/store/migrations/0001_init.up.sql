-- Runs of a payout month. A month may be run again with --replace: the new
-- run names the one it replaces and the older one stays.
CREATE TABLE runs (
    id               INTEGER PRIMARY KEY,
    month            TEXT    NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    started_at       TEXT    NOT NULL,
    finished_at      TEXT    NOT NULL,
    rules_hash       TEXT    NOT NULL,
    software_version TEXT    NOT NULL,
    replaces_run_id  INTEGER REFERENCES runs (id)
);
CREATE INDEX runs_month ON runs (month, id);

-- The exact rules files a run used, so a re-run can use them again.
CREATE TABLE run_rules (
    run_id  INTEGER NOT NULL REFERENCES runs (id),
    name    TEXT    NOT NULL,
    content BLOB    NOT NULL,
    PRIMARY KEY (run_id, name)
);

CREATE TABLE input_files (
    id        INTEGER PRIMARY KEY,
    run_id    INTEGER NOT NULL REFERENCES runs (id),
    name      TEXT    NOT NULL,
    sha256    TEXT    NOT NULL,
    size      INTEGER NOT NULL,
    rows_read INTEGER NOT NULL,
    status    TEXT    NOT NULL CHECK (status IN ('processed', 'rejected')),
    reason    TEXT    NOT NULL DEFAULT ''
);

-- One benefit for one person in the run's month. amount is exact decimal
-- text ("76.66"); amount_hundredths is the same amount times 100 (fen for
-- CNY), for sums in SQL.
CREATE TABLE payment_lines (
    id                INTEGER PRIMARY KEY,
    run_id            INTEGER NOT NULL REFERENCES runs (id),
    seq               INTEGER NOT NULL,
    id_number         TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    street            TEXT    NOT NULL,
    community         TEXT    NOT NULL,
    benefit           TEXT    NOT NULL,
    amount            TEXT    NOT NULL,
    amount_hundredths INTEGER NOT NULL,
    unit              TEXT    NOT NULL,
    department        TEXT    NOT NULL,
    band              TEXT    NOT NULL,
    account           TEXT    NOT NULL,
    params            TEXT    NOT NULL,
    source_file       TEXT    NOT NULL,
    source_sheet      TEXT    NOT NULL,
    source_row        INTEGER NOT NULL,
    UNIQUE (run_id, id_number, benefit)
);
CREATE INDEX payment_lines_run ON payment_lines (run_id, seq);

CREATE TABLE findings (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES runs (id),
    severity   TEXT    NOT NULL CHECK (severity IN ('held', 'notice', 'rejected')),
    code       TEXT    NOT NULL,
    file       TEXT    NOT NULL,
    sheet      TEXT    NOT NULL,
    row        INTEGER NOT NULL,
    col        TEXT    NOT NULL,
    header     TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    as_written TEXT    NOT NULL,
    message    TEXT    NOT NULL
);
CREATE INDEX findings_run ON findings (run_id);
