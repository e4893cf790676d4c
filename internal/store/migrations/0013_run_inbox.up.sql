-- The inbox folder a run read (its real path): approve looks in it for
-- rosters of the month dropped after the run, wherever approve is started
-- and whatever --inbox it is given. Empty for runs recorded before it was
-- kept.
ALTER TABLE runs ADD COLUMN inbox TEXT NOT NULL DEFAULT '';
