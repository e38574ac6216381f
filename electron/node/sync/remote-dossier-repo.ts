import type Database from 'better-sqlite3';
import { normalizeTime } from '../../common/domain/kpi';
import type { Change } from '../../common/domain/sync-wire';

/**
 * The only module that writes the unit-wide view the changes feed brings: `remote_dossiers` (the
 * latest version of every counter's dossier) and `remote_status_history` (every version seen).
 */

/**
 * Records one change from the feed; false when it is stale or a duplicate (its version is not
 * newer than the one kept), in which case only its history row may have been added.
 */
export function recordRemoteChange(db: Database.Database, c: Change): boolean {
  // Every version is kept once (duplicates ignored): supplement rounds count in the KPI rules.
  db.prepare('INSERT OR IGNORE INTO remote_status_history (ma_ho_so, version, status, changed_at) VALUES (?, ?, ?, ?)').run(c.MaHoSo, c.version, c.TrangThaiHoSo, normalizeTime(c.changedAt));
  const prev = db.prepare('SELECT version FROM remote_dossiers WHERE ma_ho_so = ?').get(c.MaHoSo) as { version: number } | undefined;
  if (prev && prev.version >= c.version) return false;
  db.prepare(
    `INSERT INTO remote_dossiers (ma_ho_so, version, status, counter_id, officer_id, ma_tthc, ten_tthc, channel, received_at, due_at, finished_at, returned_at, fees_vnd, changed_at, payload)
     VALUES (@code, @version, @status, @counter, @officer, @proc, @procName, @channel, @received, @due, @finished, @returned, @fees, @changed, @payload)
     ON CONFLICT(ma_ho_so) DO UPDATE SET version = excluded.version, status = excluded.status,
       counter_id = COALESCE(excluded.counter_id, counter_id), officer_id = COALESCE(excluded.officer_id, officer_id),
       ma_tthc = COALESCE(excluded.ma_tthc, ma_tthc), ten_tthc = COALESCE(excluded.ten_tthc, ten_tthc), channel = COALESCE(excluded.channel, channel),
       received_at = COALESCE(excluded.received_at, received_at), due_at = COALESCE(excluded.due_at, due_at),
       finished_at = COALESCE(excluded.finished_at, finished_at), returned_at = COALESCE(excluded.returned_at, returned_at),
       fees_vnd = COALESCE(excluded.fees_vnd, fees_vnd), changed_at = excluded.changed_at, payload = excluded.payload`,
  ).run({
    code: c.MaHoSo,
    version: c.version,
    status: c.TrangThaiHoSo,
    counter: c.MaQuay ?? null,
    officer: c.NguoiTiepNhan ?? null,
    proc: c.MaTTHC ?? null,
    procName: c.TenTTHC ?? null,
    channel: c.KenhThucHien ?? null,
    received: c.NgayTiepNhan ?? null,
    due: c.NgayHenTra ?? null,
    finished: c.NgayKetThucXuLy ?? null,
    returned: c.NgayTra ?? null,
    fees: c.TongLePhi != null && /^\d+$/.test(c.TongLePhi) ? Number(c.TongLePhi) : null,
    changed: normalizeTime(c.changedAt),
    payload: JSON.stringify(c),
  });
  return true;
}
