-- Everyone a run found on its rosters with a valid ID, paid or held, with the
-- statuses as read: what a later month compares against (本月新增/停发,
-- 待核实) and what a re-computation of the month starts from. Status columns
-- hold the roster's own words (城市低保, 不能自理, ...); dates are YYYY-MM-DD.
CREATE TABLE listings (
    run_id              INTEGER NOT NULL REFERENCES runs (id),
    seq                 INTEGER NOT NULL,
    id_number           TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    birth               TEXT    NOT NULL,
    street              TEXT    NOT NULL,
    community           TEXT    NOT NULL,
    dibao               TEXT    NOT NULL,
    tekun               TEXT    NOT NULL,
    hardship            INTEGER NOT NULL,
    self_care           TEXT    NOT NULL,
    disability_grade    INTEGER NOT NULL,
    disability_category TEXT    NOT NULL,
    electricity_account TEXT    NOT NULL,
    bank_account        TEXT    NOT NULL,
    death               TEXT    NOT NULL,
    held                INTEGER NOT NULL,
    codes               TEXT    NOT NULL,
    source_file         TEXT    NOT NULL,
    source_sheet        TEXT    NOT NULL,
    source_row          INTEGER NOT NULL,
    PRIMARY KEY (run_id, id_number)
);
