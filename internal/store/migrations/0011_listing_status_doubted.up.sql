-- Whether what held a listed row may be about a column that decides a
-- rate (低保类别, 特困类别, 经济困难, 自理能力, 残疾等级, 残疾类别): then the
-- row's statuses are no word of its month, and a month held so is paid
-- back by the row corrected since. 1 or 0; NULL for rows recorded before it
-- was kept, whose codes alone decide (domain.StatusDoubtCode).
ALTER TABLE listings ADD COLUMN status_doubted INTEGER;
