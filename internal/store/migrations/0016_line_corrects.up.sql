-- The lines that correct an earlier month (补发): few among millions, summed
-- by every run of a month after an approved one (CorrectedElsewhere), which
-- read every line of the latest runs to find them: 4 s at a province's
-- month, and a second each for every month more in the database.
CREATE INDEX payment_lines_corrects ON payment_lines (run_id) WHERE corrects <> '';
