-- What makes a one-off payment unique (the 证书编号 of a caregiver training
-- subsidy, list item 20): a trainee is paid once per certificate, ever.
ALTER TABLE payment_lines ADD COLUMN reference TEXT NOT NULL DEFAULT '';
CREATE INDEX payment_lines_claim ON payment_lines (benefit, id_number, reference);
