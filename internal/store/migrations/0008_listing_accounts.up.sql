-- Listings by 银行账号 within a run: every run looks up, in the latest run
-- of the month before, who was given each of its accounts
-- (AccountsOfOthers), to hold a row whose account last month was another
-- person's. id_number is in the index so that an account given for the
-- same person, the usual case, is settled without reading the row.
CREATE INDEX listings_bank_account ON listings (run_id, bank_account, id_number) WHERE bank_account <> '';
