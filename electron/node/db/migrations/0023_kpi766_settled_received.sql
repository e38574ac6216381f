-- A day's or a week's report judged its dossiers from the feed's rows and their history, found through
-- the indexes of migration 17: ≈ 3,300 rows read at random from a million for one day, and their
-- histories, 100-150 ms and twice that on a first call (issue #15). The summaries hold what those
-- dossiers' classes follow from; this index finds a short period's share of them in a few short range
-- reads, and carries every column the report reads of them, so no row of the table is visited.
-- Keyed by the received text's first characters, as stored (the feed's national time yyyyMMdd…, this
-- PC's RFC 3339 yyyy-MM-dd…): its month and the tens of its day, so a period's last ten days at most
-- are read past its end (by month, a day early in a month read the month's later rows: 28,590 index
-- entries for 2,859 kept, 86 ms encrypted at a million), in ≈ 4 seeks a month; then by the last change.
-- It replaces the index by year received, whose seeks read that whole year's later rows.
CREATE INDEX kpi766_settled_received ON kpi766_settled(
  src, CASE src WHEN 0 THEN substr(received, 1, 7) ELSE substr(received, 1, 9) END, coalesce(last_key, '~'),
  received, status, changed, counter_id, rid, ma_tthc, end_key, due_key, counted_key);
DROP INDEX kpi766_settled_open;
