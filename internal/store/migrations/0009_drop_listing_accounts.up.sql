-- Accounts changing hands are found by one pass over last month's listings
-- (AccountsOfOthers): the index by account of 0008 cost every run's
-- recording, first months included, more than the pass costs the months
-- that need it.
DROP INDEX IF EXISTS listings_bank_account;
