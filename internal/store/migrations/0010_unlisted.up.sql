-- The people a run listed as 待核实 (to verify): paid in an earlier month,
-- or listed and held (暂缓), on none of the run's rosters, with no death
-- recorded. `since` is the last month that paid or listed them (YYYY-MM);
-- `held` the codes that held them then, comma-separated, empty when that
-- month paid them. The next month lists them again while they are still on
-- no roster, so a senior a street left out is not forgotten after one
-- month.
CREATE TABLE unlisted (
    run_id    INTEGER NOT NULL REFERENCES runs (id),
    seq       INTEGER NOT NULL,
    id_number TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    street    TEXT    NOT NULL,
    community TEXT    NOT NULL,
    since     TEXT    NOT NULL,
    held      TEXT    NOT NULL,
    PRIMARY KEY (run_id, id_number)
);
