-- A long period's report counted every dossier received, fee collected, result returned and feed row
-- of the period on each call: ≈ 2.3 s of a year's 3.7 at a million (issue #15). These tables keep
-- those counts per day key — the first 10 characters of the stored time, 8 of the feed's national
-- time — grouped as the report groups them; a period adds up the keys strictly between its first and
-- last day and counts those two days from the rows (reports/report-days-repo.ts, which owns them).
-- Derived data, never a source: a key's rows are only ever replaced by a count of its source rows.
CREATE TABLE report_day_received (
  day        TEXT NOT NULL,
  ma_tthc    TEXT NOT NULL,
  ten_tthc   TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  officer_id TEXT,
  channel    TEXT NOT NULL,
  hour       TEXT NOT NULL,
  n          INTEGER NOT NULL,
  first_at   TEXT NOT NULL,   -- min(ngay_tiep_nhan) and min(id): the report lists groups in that order
  first_id   INTEGER NOT NULL
) STRICT;
CREATE INDEX report_day_received_day ON report_day_received(day);
CREATE TABLE report_day_fees (
  day        TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  s          INTEGER NOT NULL
) STRICT;
CREATE INDEX report_day_fees_day ON report_day_fees(day);
-- ten_tthc: the least of the names the returned dossiers of a procedure carry (a renamed procedure),
-- the name the report shows for a procedure returned in the period but not received in it.
CREATE TABLE report_day_returned (
  day        TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  ma_tthc    TEXT NOT NULL,
  ten_tthc   TEXT NOT NULL,
  n          INTEGER NOT NULL
) STRICT;
CREATE INDEX report_day_returned_day ON report_day_returned(day);
-- The feed's rows by counter: kind 0 counts them by the day received (with their fees), 1 by the day returned.
CREATE TABLE report_day_feed (
  day        TEXT NOT NULL,
  kind       INTEGER NOT NULL,
  counter_id TEXT NOT NULL,
  n          INTEGER NOT NULL,
  fees       INTEGER NOT NULL
) STRICT;
CREATE INDEX report_day_feed_day ON report_day_feed(day);

-- Keys whose counts a write may have changed: 'r' received, 'f' fees, 't' returned (trả), 'n' the feed.
-- A part in capitals is a build under way (see the end of this file), not a key.
-- A report counts them again before reading them; what lies outside its period waits for another.
-- The triggers queue a key and nothing more, so a save pays one insert per time it writes (an
-- existing key — today's — costs a lookup), whatever the report groups by.
CREATE TABLE report_day_stale (
  part TEXT NOT NULL,
  day  TEXT NOT NULL,
  PRIMARY KEY (part, day)
) STRICT, WITHOUT ROWID;

-- Each trigger fires on the columns its counts are read from (UPDATE OF), so the writes that change
-- none of them — the receipt path, the sync state, the status the sync sets — queue nothing. A table
-- rebuilt by a later migration (DROP TABLE) loses its triggers: that migration must create them again.
-- A key already queued is skipped by NOT EXISTS, not by OR IGNORE: inside an upsert's DO UPDATE (the
-- feed's writes) SQLite applies the upsert's ABORT to the trigger's inserts, and the sync pull failed.
CREATE TRIGGER report_days_dossier_insert AFTER INSERT ON dossiers BEGIN
  INSERT INTO report_day_stale (part, day)
    SELECT p, k FROM (SELECT 'r' AS p, substr(NEW.ngay_tiep_nhan, 1, 10) AS k UNION SELECT 't', substr(NEW.ngay_tra, 1, 10)) x
    WHERE k IS NOT NULL AND NOT EXISTS (SELECT 1 FROM report_day_stale s WHERE s.part = x.p AND s.day = x.k);
END;
CREATE TRIGGER report_days_dossier_received AFTER UPDATE OF id, ma_tthc, ten_tthc, counter_id, officer_id, kenh_thuc_hien, ngay_tiep_nhan, voided_at ON dossiers BEGIN
  INSERT INTO report_day_stale (part, day)
    SELECT 'r', k FROM (SELECT substr(OLD.ngay_tiep_nhan, 1, 10) AS k UNION SELECT substr(NEW.ngay_tiep_nhan, 1, 10)) x
    WHERE NOT EXISTS (SELECT 1 FROM report_day_stale s WHERE s.part = 'r' AND s.day = x.k);
END;
CREATE TRIGGER report_days_dossier_returned AFTER UPDATE OF ma_tthc, ten_tthc, counter_id, ngay_tra ON dossiers BEGIN
  INSERT INTO report_day_stale (part, day)
    SELECT 't', k FROM (SELECT substr(OLD.ngay_tra, 1, 10) AS k UNION SELECT substr(NEW.ngay_tra, 1, 10)) x
    WHERE k IS NOT NULL AND NOT EXISTS (SELECT 1 FROM report_day_stale s WHERE s.part = 't' AND s.day = x.k);
END;
-- A fee counts under its dossier's counter, and not once the receipt is voided.
CREATE TRIGGER report_days_dossier_fees AFTER UPDATE OF id, counter_id, voided_at ON dossiers BEGIN
  INSERT INTO report_day_stale (part, day)
    SELECT DISTINCT 'f', substr(collected_at, 1, 10) AS k FROM dossier_fees f WHERE dossier_id IN (OLD.id, NEW.id) AND collected_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM report_day_stale s WHERE s.part = 'f' AND s.day = substr(f.collected_at, 1, 10));
END;
-- Its fees go by the cascade (and their own trigger); left behind with foreign keys off, they no longer count.
CREATE TRIGGER report_days_dossier_delete AFTER DELETE ON dossiers BEGIN
  INSERT INTO report_day_stale (part, day)
    SELECT p, k FROM (SELECT 'r' AS p, substr(OLD.ngay_tiep_nhan, 1, 10) AS k UNION SELECT 't', substr(OLD.ngay_tra, 1, 10)
                      UNION SELECT 'f', substr(collected_at, 1, 10) FROM dossier_fees WHERE dossier_id = OLD.id) x
    WHERE k IS NOT NULL AND NOT EXISTS (SELECT 1 FROM report_day_stale s WHERE s.part = x.p AND s.day = x.k);
END;
CREATE TRIGGER report_days_fee_insert AFTER INSERT ON dossier_fees BEGIN
  INSERT INTO report_day_stale (part, day)
    SELECT 'f', substr(NEW.collected_at, 1, 10) WHERE NEW.collected_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM report_day_stale s WHERE s.part = 'f' AND s.day = substr(NEW.collected_at, 1, 10));
END;
CREATE TRIGGER report_days_fee_update AFTER UPDATE OF dossier_id, amount_vnd, collected_at ON dossier_fees BEGIN
  INSERT INTO report_day_stale (part, day)
    SELECT 'f', k FROM (SELECT substr(OLD.collected_at, 1, 10) AS k UNION SELECT substr(NEW.collected_at, 1, 10)) x
    WHERE k IS NOT NULL AND NOT EXISTS (SELECT 1 FROM report_day_stale s WHERE s.part = 'f' AND s.day = x.k);
END;
CREATE TRIGGER report_days_fee_delete AFTER DELETE ON dossier_fees BEGIN
  INSERT INTO report_day_stale (part, day)
    SELECT 'f', substr(OLD.collected_at, 1, 10) WHERE OLD.collected_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM report_day_stale s WHERE s.part = 'f' AND s.day = substr(OLD.collected_at, 1, 10));
END;
CREATE TRIGGER report_days_remote_insert AFTER INSERT ON remote_dossiers BEGIN
  INSERT INTO report_day_stale (part, day)
    SELECT 'n', k FROM (SELECT substr(NEW.received_at, 1, 8) AS k UNION SELECT substr(NEW.returned_at, 1, 8)) x
    WHERE k IS NOT NULL AND NOT EXISTS (SELECT 1 FROM report_day_stale s WHERE s.part = 'n' AND s.day = x.k);
END;
CREATE TRIGGER report_days_remote_update AFTER UPDATE OF counter_id, received_at, returned_at, fees_vnd ON remote_dossiers BEGIN
  INSERT INTO report_day_stale (part, day)
    SELECT 'n', k FROM (SELECT substr(OLD.received_at, 1, 8) AS k UNION SELECT substr(OLD.returned_at, 1, 8)
                        UNION SELECT substr(NEW.received_at, 1, 8) UNION SELECT substr(NEW.returned_at, 1, 8)) x
    WHERE k IS NOT NULL AND NOT EXISTS (SELECT 1 FROM report_day_stale s WHERE s.part = 'n' AND s.day = x.k);
END;
CREATE TRIGGER report_days_remote_delete AFTER DELETE ON remote_dossiers BEGIN
  INSERT INTO report_day_stale (part, day)
    SELECT 'n', k FROM (SELECT substr(OLD.received_at, 1, 8) AS k UNION SELECT substr(OLD.returned_at, 1, 8)) x
    WHERE k IS NOT NULL AND NOT EXISTS (SELECT 1 FROM report_day_stale s WHERE s.part = 'n' AND s.day = x.k);
END;

-- Migration 18's queueing triggers, the same way: a feed change to a dossier already queued (its new
-- history row queues it just before the upsert) aborted the pull once the summaries were built.
DROP TRIGGER kpi766_remote_insert;
CREATE TRIGGER kpi766_remote_insert AFTER INSERT ON remote_dossiers BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so = NEW.ma_ho_so;
  INSERT INTO kpi766_stale (ma_ho_so) SELECT value FROM (SELECT NEW.ma_ho_so AS value) x
    WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale s WHERE s.ma_ho_so IN ('*', x.value));
END;
DROP TRIGGER kpi766_remote_update;
CREATE TRIGGER kpi766_remote_update AFTER UPDATE ON remote_dossiers BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so IN (OLD.ma_ho_so, NEW.ma_ho_so);
  INSERT INTO kpi766_stale (ma_ho_so) SELECT value FROM (SELECT OLD.ma_ho_so AS value UNION SELECT NEW.ma_ho_so) x
    WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale s WHERE s.ma_ho_so IN ('*', x.value));
END;
DROP TRIGGER kpi766_remote_delete;
CREATE TRIGGER kpi766_remote_delete AFTER DELETE ON remote_dossiers BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so = OLD.ma_ho_so;
  INSERT INTO kpi766_stale (ma_ho_so) SELECT value FROM (SELECT OLD.ma_ho_so AS value) x
    WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale s WHERE s.ma_ho_so IN ('*', x.value));
END;
DROP TRIGGER kpi766_history_insert;
CREATE TRIGGER kpi766_history_insert AFTER INSERT ON remote_status_history BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so = NEW.ma_ho_so;
  INSERT INTO kpi766_stale (ma_ho_so) SELECT value FROM (SELECT NEW.ma_ho_so AS value) x
    WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale s WHERE s.ma_ho_so IN ('*', x.value));
END;
DROP TRIGGER kpi766_history_update;
CREATE TRIGGER kpi766_history_update AFTER UPDATE ON remote_status_history BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so IN (OLD.ma_ho_so, NEW.ma_ho_so);
  INSERT INTO kpi766_stale (ma_ho_so) SELECT value FROM (SELECT OLD.ma_ho_so AS value UNION SELECT NEW.ma_ho_so) x
    WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale s WHERE s.ma_ho_so IN ('*', x.value));
END;
DROP TRIGGER kpi766_history_delete;
CREATE TRIGGER kpi766_history_delete AFTER DELETE ON remote_status_history BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so = OLD.ma_ho_so;
  INSERT INTO kpi766_stale (ma_ho_so) SELECT value FROM (SELECT OLD.ma_ho_so AS value) x
    WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale s WHERE s.ma_ho_so IN ('*', x.value));
END;
DROP TRIGGER kpi766_dossier_insert;
CREATE TRIGGER kpi766_dossier_insert AFTER INSERT ON dossiers BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so = NEW.ma_ho_so;
  INSERT INTO kpi766_stale (ma_ho_so) SELECT value FROM (SELECT NEW.ma_ho_so AS value) x
    WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale s WHERE s.ma_ho_so IN ('*', x.value));
END;
DROP TRIGGER kpi766_dossier_update;
CREATE TRIGGER kpi766_dossier_update AFTER UPDATE OF ma_ho_so, counter_id, ma_tthc, ten_tthc, ngay_tiep_nhan, ngay_hen_tra, ngay_ket_thuc_xu_ly, ngay_tra, trang_thai, updated_at, voided_at ON dossiers BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so IN (OLD.ma_ho_so, NEW.ma_ho_so);
  INSERT INTO kpi766_stale (ma_ho_so) SELECT value FROM (SELECT OLD.ma_ho_so AS value UNION SELECT NEW.ma_ho_so) x
    WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale s WHERE s.ma_ho_so IN ('*', x.value));
END;
DROP TRIGGER kpi766_dossier_delete;
CREATE TRIGGER kpi766_dossier_delete AFTER DELETE ON dossiers BEGIN
  DELETE FROM kpi766_settled WHERE ma_ho_so = OLD.ma_ho_so;
  INSERT INTO kpi766_stale (ma_ho_so) SELECT value FROM (SELECT OLD.ma_ho_so AS value) x
    WHERE NOT EXISTS (SELECT 1 FROM kpi766_stale s WHERE s.ma_ho_so IN ('*', x.value));
END;

-- Not counted here: at a million dossiers that held an upgrading PC's start 7 s in clear, 27 s
-- encrypted. A store with rows gets a cursor per part instead (the part in capitals, the last key
-- counted, '' for none), and report-days-repo.ts `daysStep` counts its keys a few at a time in the
-- background (reports/settled-warmer.ts); a report counts from the rows what lies past a cursor.
-- A new store has nothing to count: its triggers queue every key its writes touch.
INSERT INTO report_day_stale (part, day) SELECT 'R', '' WHERE EXISTS (SELECT 1 FROM dossiers);
INSERT INTO report_day_stale (part, day) SELECT 'T', '' WHERE EXISTS (SELECT 1 FROM dossiers);
INSERT INTO report_day_stale (part, day) SELECT 'F', '' WHERE EXISTS (SELECT 1 FROM dossier_fees);
INSERT INTO report_day_stale (part, day) SELECT 'N', '' WHERE EXISTS (SELECT 1 FROM remote_dossiers);
