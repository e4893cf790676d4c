-- The sha256 of the approved run's recoveries (追回) at approval, as
-- RecoveriesHash computes it: an amount of the 追回清单 edited afterwards
-- is found as an edited payment line is. Empty for approvals recorded
-- before it was kept, which are not checked for it.
ALTER TABLE approvals ADD COLUMN recoveries_sha256 TEXT NOT NULL DEFAULT '';
