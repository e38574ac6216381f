-- A year's report judged the 766 indicator over every dossier of the year on each call (≈ 350,000 at a
-- million, 17 s). Most of them ended long ago and their class can no longer change, whatever the
-- judgement time: each such "settled" dossier keeps here the time keys and the verdict that
-- kpi766-candidates-repo.ts `settledFacts` computed for it, so a long period adds them up in SQL and
-- judges in JS only the others. Owned by reports/kpi766-settled-repo.ts; derived data, never a
-- source: deleting every row and queueing '*' rebuilds it, and a change to what is summarised
-- ships as a migration doing that.
CREATE TABLE kpi766_settled (
  ma_ho_so   TEXT PRIMARY KEY,
  src        INTEGER NOT NULL,   -- 0: the feed's row (remote_dossiers), 1: this PC's, not in the feed
  rid        INTEGER NOT NULL,   -- that row's rowid, for the candidates query
  counter_id TEXT,
  ma_tthc    TEXT,
  ten_tthc   TEXT,
  -- As stored in the source row, so a period's candidate conditions are the candidates query's own.
  received   TEXT,
  status     TEXT NOT NULL,
  changed    TEXT,
  -- NULL: not settled (open, a supplement request, a time in another form…): judged in JS each time.
  end_key    TEXT,
  last_key   TEXT,
  -- NULL with end_key set: settled but never counted (no status but 1).
  verdict    TEXT,
  -- For the trend days, whose judgement times fall inside its history: the due time, and the first
  -- time with a status other than 1 (NULL: none).
  due_key    TEXT,
  counted_key TEXT
) STRICT, WITHOUT ROWID;
-- A period's settled dossiers: ended from its start, nothing left from the trend window on; covering.
CREATE INDEX kpi766_settled_end ON kpi766_settled(end_key, last_key, verdict, counter_id, src, received, status, changed, ma_tthc)
  WHERE verdict IS NOT NULL;
-- The others a period may count, found by the year received (a candidate's received time is no later
-- than the period's end, so its first four characters are no later either), then by the last change.
CREATE INDEX kpi766_settled_open ON kpi766_settled(substr(received, 1, 4), coalesce(last_key, '~'));

-- What changed since the summaries were last brought up to date: the codes to summarise again
-- ('*': all of them). Filled by the triggers below, emptied by the next report over a long period.
-- Maintained at read time rather than by the writers: the sync pull, intake and the hand-over keep
-- one cheap insert each and no knowledge of the 766 rules, and whatever writes a row (a future
-- writer, a repair by hand) invalidates it, since the triggers sit on the tables themselves.
CREATE TABLE kpi766_stale (
  ma_ho_so TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;
INSERT INTO kpi766_stale (ma_ho_so) VALUES ('*');

-- Each trigger drops the summary of the dossier it touches at once, so no stale verdict is ever
-- read, and queues it. A table rebuilt by a later migration (DROP TABLE) loses its triggers: that
-- migration must create them again.
CREATE TRIGGER kpi766_remote_insert AFTER INSERT ON remote_dossiers BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so = NEW.ma_ho_so;
  INSERT OR IGNORE INTO kpi766_stale (ma_ho_so) SELECT NEW.ma_ho_so WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale WHERE ma_ho_so = '*');
END;
CREATE TRIGGER kpi766_remote_update AFTER UPDATE ON remote_dossiers BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so IN (OLD.ma_ho_so, NEW.ma_ho_so);
  INSERT OR IGNORE INTO kpi766_stale (ma_ho_so) SELECT value FROM (SELECT OLD.ma_ho_so AS value UNION SELECT NEW.ma_ho_so) WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale WHERE ma_ho_so = '*');
END;
CREATE TRIGGER kpi766_remote_delete AFTER DELETE ON remote_dossiers BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so = OLD.ma_ho_so;
  INSERT OR IGNORE INTO kpi766_stale (ma_ho_so) SELECT OLD.ma_ho_so WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale WHERE ma_ho_so = '*');
END;
CREATE TRIGGER kpi766_history_insert AFTER INSERT ON remote_status_history BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so = NEW.ma_ho_so;
  INSERT OR IGNORE INTO kpi766_stale (ma_ho_so) SELECT NEW.ma_ho_so WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale WHERE ma_ho_so = '*');
END;
CREATE TRIGGER kpi766_history_update AFTER UPDATE ON remote_status_history BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so IN (OLD.ma_ho_so, NEW.ma_ho_so);
  INSERT OR IGNORE INTO kpi766_stale (ma_ho_so) SELECT value FROM (SELECT OLD.ma_ho_so AS value UNION SELECT NEW.ma_ho_so) WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale WHERE ma_ho_so = '*');
END;
CREATE TRIGGER kpi766_history_delete AFTER DELETE ON remote_status_history BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so = OLD.ma_ho_so;
  INSERT OR IGNORE INTO kpi766_stale (ma_ho_so) SELECT OLD.ma_ho_so WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale WHERE ma_ho_so = '*');
END;
-- Any update of this PC's dossier: its times and status, and its void, which takes a feed row out too.
CREATE TRIGGER kpi766_dossier_insert AFTER INSERT ON dossiers BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so = NEW.ma_ho_so;
  INSERT OR IGNORE INTO kpi766_stale (ma_ho_so) SELECT NEW.ma_ho_so WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale WHERE ma_ho_so = '*');
END;
-- Only an update of what a summary is read from (kpi766-candidates-repo LOCAL_COLUMNS) or of the void:
-- not the receipt's path or the server's version, which every intake and every sync write and no summary reads.
CREATE TRIGGER kpi766_dossier_update AFTER UPDATE OF ma_ho_so, counter_id, ma_tthc, ten_tthc, ngay_tiep_nhan, ngay_hen_tra, ngay_ket_thuc_xu_ly, ngay_tra, trang_thai, updated_at, voided_at ON dossiers BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so IN (OLD.ma_ho_so, NEW.ma_ho_so);
  INSERT OR IGNORE INTO kpi766_stale (ma_ho_so) SELECT value FROM (SELECT OLD.ma_ho_so AS value UNION SELECT NEW.ma_ho_so) WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale WHERE ma_ho_so = '*');
END;
CREATE TRIGGER kpi766_dossier_delete AFTER DELETE ON dossiers BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so = OLD.ma_ho_so;
  INSERT OR IGNORE INTO kpi766_stale (ma_ho_so) SELECT OLD.ma_ho_so WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale WHERE ma_ho_so = '*');
END;
