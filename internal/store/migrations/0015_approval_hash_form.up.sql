-- Which form of LinesHash an approval's lines_sha256 is: 1 for approvals
-- recorded before this column (id, name, benefit, amount, unit, account,
-- reference, corrected month; or, before 2026-11-30, fewer), 2 for those
-- after, which also hash each line's department (which bank file pays
-- it), street, community and band: an approved line moved to another
-- department or street in the database went unnoticed.
ALTER TABLE approvals ADD COLUMN lines_hash_form INTEGER NOT NULL DEFAULT 1;
