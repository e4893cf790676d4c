-- The people a run listed as 待核实 (to verify): paid in an earlier month,
-- or listed and held (暂缓), on none of the run's rosters, with no death
-- recorded. `since` is the last month that paid or listed them (YYYY-MM);
-- `held` the codes that held them then, comma-separated, empty when that
-- month paid them; `account` their 银行账号 then, if any: while they are
-- on 待核实, a row giving it for another ID is held as a change of hands.
-- The next month lists them again while they are still on no roster, so a
-- senior a street left out is not forgotten after one month.
CREATE TABLE unlisted (
    run_id    INTEGER NOT NULL REFERENCES runs (id),
    seq       INTEGER NOT NULL,
    id_number TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    street    TEXT    NOT NULL,
    community TEXT    NOT NULL,
    since     TEXT    NOT NULL,
    held      TEXT    NOT NULL,
    account   TEXT    NOT NULL,
    PRIMARY KEY (run_id, id_number)
);
