-- Corrections are new lines in a later month, never edits of a paid month.
-- Arrears (补发) are payments: they go into payment_lines with the month they
-- correct in `corrects` (empty for the month's own payments), so a person
-- may have a benefit's own line and arrears lines in one run. SQLite cannot
-- change a table's unique key, so payment_lines is rebuilt.
CREATE TABLE payment_lines_new (
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
    reference         TEXT    NOT NULL DEFAULT '',
    corrects          TEXT    NOT NULL DEFAULT '',
    UNIQUE (run_id, id_number, benefit, reference, corrects)
);
INSERT INTO payment_lines_new (id, run_id, seq, id_number, name, street, community, benefit, amount, amount_hundredths, unit, department, band, account, params, source_file, source_sheet, source_row, reference)
    SELECT id, run_id, seq, id_number, name, street, community, benefit, amount, amount_hundredths, unit, department, band, account, params, source_file, source_sheet, source_row, reference FROM payment_lines;
DROP TABLE payment_lines;
ALTER TABLE payment_lines_new RENAME TO payment_lines;
CREATE INDEX payment_lines_run ON payment_lines (run_id, seq);
CREATE INDEX payment_lines_claim ON payment_lines (benefit, id_number, reference);
CREATE INDEX payment_lines_person ON payment_lines (id_number);

-- Recoveries (追回): money paid in an approved month that should not have
-- been (a death reported late). They are receivables for follow-up, not
-- payments, so they live apart from payment_lines.
CREATE TABLE recoveries (
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
    corrects          TEXT    NOT NULL,
    reason            TEXT    NOT NULL,
    UNIQUE (run_id, id_number, benefit, corrects)
);
