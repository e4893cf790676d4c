-- The 街道(乡镇) of a finding's roster row as written (domain.Finding's
-- Street): a held row's street copy is chosen by it, also when the row's ID
-- cannot be read and no listing names its person. Empty for findings of a
-- sheet or file and for findings recorded before it was kept.
ALTER TABLE findings ADD COLUMN street TEXT NOT NULL DEFAULT '';
