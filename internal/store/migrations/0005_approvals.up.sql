-- A month's run is a draft until approved; an approved run can never be
-- replaced. lines_sha256 is the sha256 of the run's lines (id, benefit,
-- amount, unit, reference; one per line, in order) at approval, so any later
-- change of a line is detectable; totals is JSON of count and hundredths per
-- benefit.
CREATE TABLE approvals (
    run_id       INTEGER PRIMARY KEY REFERENCES runs (id),
    month        TEXT    NOT NULL UNIQUE,
    approved_by  TEXT    NOT NULL CHECK (approved_by <> ''),
    approved_at  TEXT    NOT NULL,
    totals       TEXT    NOT NULL,
    lines_sha256 TEXT    NOT NULL
);
