-- A startup model's progress report states the average monthly income per supported household as
-- a number (đồng), beside the free-text note on income, so reports can compare and sum it. Null
-- when the report does not give it (reports written before this column, paper reports without it).
ALTER TABLE startup_progress ADD COLUMN average_income_vnd bigint CHECK (average_income_vnd >= 0 AND average_income_vnd <= 1000000000);
