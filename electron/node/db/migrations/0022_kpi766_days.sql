-- A year's report added up its settled dossiers from their summaries one by one: ≈ 320,000 rows at a
-- million, 0.5 s in clear and more encrypted (issue #15). This table keeps those sums per day of the
-- end (the first 8 characters of end_key) and of the last time, so a period whose bounds are whole
-- days — the only ones that read the summaries — adds up a few rows per day instead. Owned by
-- reports/kpi766-days-repo.ts; derived from kpi766_settled only, never a source.
-- plain: 1 when the candidates query's conditions hold for every period that counts the group's
-- dossiers (checked at the tightest bounds such a period can have); a day holding a group with 0 is
-- counted from its dossiers, as is a day queued below, so the sums are always exact.
CREATE TABLE kpi766_settled_days (
  end_day    TEXT NOT NULL,
  last_day   TEXT NOT NULL,
  verdict    TEXT NOT NULL,
  ma_tthc    TEXT,
  counter_id TEXT,
  plain      INTEGER NOT NULL,
  n          INTEGER NOT NULL,
  first      TEXT NOT NULL      -- min(src || ma_ho_so): the report names a procedure after its first dossier
) STRICT;
CREATE INDEX kpi766_settled_days_end ON kpi766_settled_days(end_day);

-- End days whose sums a change of kpi766_settled may have changed; a report counts them from the
-- dossiers and a background step (kpi766-settled-repo settleStep) counts them again. '*' followed by
-- a day (or nothing) is a build under way: every day after it is still to count.
CREATE TABLE kpi766_day_stale (
  day TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

-- On the summaries themselves, so whatever writes them queues the day; the NOT EXISTS, not OR IGNORE,
-- for the reason migration 19 gives. Only rows with a verdict are ever summed.
CREATE TRIGGER kpi766_days_insert BEFORE INSERT ON kpi766_settled BEGIN
  -- An INSERT OR REPLACE drops the row it replaces without its delete trigger: queue that row's day too.
  INSERT INTO kpi766_day_stale (day)
    SELECT DISTINCT k FROM (SELECT substr(end_key, 1, 8) AS k FROM kpi766_settled WHERE ma_ho_so = NEW.ma_ho_so AND verdict IS NOT NULL
                            UNION SELECT substr(NEW.end_key, 1, 8) WHERE NEW.verdict IS NOT NULL) x
    WHERE NOT EXISTS (SELECT 1 FROM kpi766_day_stale s WHERE s.day = x.k);
END;
CREATE TRIGGER kpi766_days_update AFTER UPDATE ON kpi766_settled BEGIN
  INSERT INTO kpi766_day_stale (day)
    SELECT k FROM (SELECT substr(OLD.end_key, 1, 8) AS k WHERE OLD.verdict IS NOT NULL UNION SELECT substr(NEW.end_key, 1, 8) WHERE NEW.verdict IS NOT NULL) x
    WHERE NOT EXISTS (SELECT 1 FROM kpi766_day_stale s WHERE s.day = x.k);
END;
CREATE TRIGGER kpi766_days_delete AFTER DELETE ON kpi766_settled WHEN OLD.verdict IS NOT NULL BEGIN
  INSERT INTO kpi766_day_stale (day)
    SELECT substr(OLD.end_key, 1, 8) WHERE NOT EXISTS (SELECT 1 FROM kpi766_day_stale s WHERE s.day = substr(OLD.end_key, 1, 8));
END;

-- Not counted here (a million summaries: seconds at an upgrading PC's start): a store with summaries
-- gets the cursor, and the background steps count its days a few at a time.
INSERT INTO kpi766_day_stale (day) SELECT '*' WHERE EXISTS (SELECT 1 FROM kpi766_settled);
