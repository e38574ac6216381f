import type Database from 'better-sqlite3';
import type { UnitIdentity } from '../../common/domain/unit';
import { failure } from '../../common/ipc/result';
import { readSetting } from '../settings/settings-repo';

/** This PC's counter and its unit: one row of `counters` is marked `is_this_pc`. */
export interface ThisCounter {
  readonly unitCode: string;
  readonly unitName: string;
  readonly counterId: string;
  readonly offlineBlock: { readonly from: number; readonly to: number } | null;
  readonly workHours: string | null;
}

interface Row {
  unit_code: string;
  name: string;
  counter_id: string;
  offline_block_from: number | null;
  offline_block_to: number | null;
  work_hours: string | null;
}

/** The owner of `units` and `counters`: the only module that reads or writes them. */
export function thisCounter(db: Database.Database): ThisCounter | null {
  const row = db
    .prepare(
      `SELECT u.unit_code, u.name, c.counter_id, c.offline_block_from, c.offline_block_to, u.work_hours
       FROM counters c JOIN units u ON u.unit_code = c.unit_code WHERE c.is_this_pc = 1`,
    )
    .get() as Row | undefined;
  if (!row) return null;
  return {
    unitCode: row.unit_code,
    unitName: row.name,
    counterId: row.counter_id,
    offlineBlock: row.offline_block_from === null ? null : { from: row.offline_block_from, to: row.offline_block_to! },
    workHours: row.work_hours,
  };
}

/** Work that needs the unit (codes, receipts, voids): refuses with one message when the PC is not set up. */
export function requireThisCounter(db: Database.Database): ThisCounter {
  const c = thisCounter(db);
  if (!c) throw failure('conflict', 'unit.notConfigured');
  return c;
}

export function unitIdentity(db: Database.Database): UnitIdentity | null {
  const c = thisCounter(db);
  return c ? { unitCode: c.unitCode, unitName: c.unitName, counterId: c.counterId, offlineBlock: c.offlineBlock } : null;
}

export function saveUnitIdentity(db: Database.Database, unit: UnitIdentity, at: string): void {
  db.prepare(
    `INSERT INTO units (unit_code, name, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(unit_code) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
  ).run(unit.unitCode, unit.unitName, at);
  db.prepare('UPDATE counters SET is_this_pc = 0 WHERE is_this_pc = 1').run();
  db.prepare(
    `INSERT INTO counters (unit_code, counter_id, offline_block_from, offline_block_to, is_this_pc) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT(unit_code, counter_id) DO UPDATE SET offline_block_from = excluded.offline_block_from,
       offline_block_to = excluded.offline_block_to, is_this_pc = 1`,
  ).run(unit.unitCode, unit.counterId, unit.offlineBlock?.from ?? null, unit.offlineBlock?.to ?? null);
}

/** What the province says about the unit (pulled by sync): name, address, hours, this counter's offline block. */
export function applyUnitFromProvince(
  db: Database.Database,
  u: { unitCode: string; name: string; address: string | null; workHours: string | null; at: string; offlineBlock: { from: number; to: number } | null; counterId: string },
): void {
  db.prepare('UPDATE units SET name = ?, address = ?, work_hours = ?, updated_at = ? WHERE unit_code = ?').run(u.name, u.address, u.workHours, u.at, u.unitCode);
  if (u.offlineBlock) {
    db.prepare('UPDATE counters SET offline_block_from = ?, offline_block_to = ? WHERE unit_code = ? AND counter_id = ?').run(u.offlineBlock.from, u.offlineBlock.to, u.unitCode, u.counterId);
  }
}

export function setWorkHours(db: Database.Database, unitCode: string, periodsJson: string): void {
  db.prepare('UPDATE units SET work_hours = ? WHERE unit_code = ?').run(periodsJson, unitCode);
}

/** The header lines of every form: unit, desk and the place for the dated line. */
export function unitPresentation(db: Database.Database): { unitName: string; unitCode: string; deskName: string; place: string; phone: string | null } {
  const c = thisCounter(db);
  const unitName = c?.unitName ?? '…';
  return {
    unitName,
    unitCode: c?.unitCode ?? '',
    deskName: readSetting(db, 'unit.deskName') ?? 'Bộ phận Một cửa',
    place: readSetting(db, 'unit.place') ?? placeFromUnitName(unitName),
    phone: readSetting(db, 'unit.phone'),
  };
}

/** "UBND xã Tân Phú" → "Tân Phú": the place name for the dated line when none is configured. */
export function placeFromUnitName(name: string): string {
  return (
    name
      .replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Trung tâm Phục vụ hành chính công)\s+/i, '')
      .replace(/^(xã|phường|thị trấn|đặc khu|tỉnh|thành phố|TP\.?)\s+/i, '')
      .trim() || name
  );
}
