-- The listings that carry a 死亡日期: few among millions, looked up by every
-- run (DeathsOnRecord) to hold a later row of the same person without one.
CREATE INDEX listings_death ON listings (run_id, id_number) WHERE death <> '';
