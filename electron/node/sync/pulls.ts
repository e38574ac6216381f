import type Database from 'better-sqlite3';
import { changeSchema, type Change } from '../../common/domain/sync-wire';
import { normalizeTime } from '../../common/domain/kpi';
import { vietnamDate } from '../../common/domain/time';
import { importCalendarYear } from '../calendar/calendar-repo';
import { importCatalog } from '../catalog/catalog-repo';
import { addLease, remainingCodes } from '../intake/code-repo';
import { appendAudit } from '../store/audit';
import { getSetting, reasonOf, setSetting, type SyncContext } from './sync-context';

/**
 * What the counter takes from the province: its unit and counters, the procedure catalog, the
 * working-day calendar, leases of dossier numbers, and the changes feed with the result files of
 * dossiers that are ready. Each failure is reported, never fatal: the counter works on what it has.
 */
export class Pulls {
  constructor(private readonly c: SyncContext) {}

  /** Unit, catalog, calendar, code leases and the changes feed; each failure is reported, never fatal. */
  async pull(errors: string[] = []): Promise<number> {
    const unit = await this.c.exec('unit', (db) => db.prepare('SELECT unit_code, counter_id FROM counters WHERE is_this_pc = 1').get() as { unit_code: string; counter_id: string } | undefined);
    if (!unit) {
      errors.push('chưa cấu hình đơn vị');
      return 0;
    }
    await this.#pullUnit(unit, errors);
    await this.#pullCatalog(errors);
    await this.#pullCalendar(errors);
    await this.#topUpLeases(unit, errors);
    return this.pullChanges(errors);
  }

  async #pullUnit(unit: { unit_code: string; counter_id: string }, errors: string[]): Promise<void> {
    const r = await this.c.d.api.getUnit(unit.unit_code);
    if (r.kind !== 'ok' || !r.value) {
      if (r.kind !== 'ok') errors.push(`đơn vị: ${reasonOf(r)}`);
      return;
    }
    const u = r.value;
    const mine = u.counters.find((c) => c.counterId === unit.counter_id);
    await this.c.exec('applyUnit', (db) =>
      db.transaction(() => {
        db.prepare('UPDATE units SET name = ?, address = ?, work_hours = ?, updated_at = ? WHERE unit_code = ?').run(
          u.tenDonVi,
          u.diaChi ?? null,
          u.gioLamViec ? JSON.stringify(u.gioLamViec.map((p) => ({ from: p.from, to: p.to }))) : null,
          this.c.at(),
          unit.unit_code,
        );
        if (mine?.offlineBlock) {
          db.prepare('UPDATE counters SET offline_block_from = ?, offline_block_to = ? WHERE unit_code = ? AND counter_id = ?').run(mine.offlineBlock.from, mine.offlineBlock.to, unit.unit_code, unit.counter_id);
        }
      })(),
    );
  }

  async #pullCatalog(errors: string[]): Promise<void> {
    let cursor: string | null = null;
    const items: unknown[] = [];
    for (let page = 0; page < 1000; page++) {
      const r = await this.c.d.api.procedures(cursor, null);
      if (r.kind !== 'ok' || !r.value) {
        if (r.kind !== 'ok') errors.push(`danh mục: ${reasonOf(r)}`);
        return;
      }
      items.push(...r.value.items);
      if (!r.value.hasMore || !r.value.cursor || r.value.cursor === cursor) break;
      cursor = r.value.cursor;
    }
    const report = await this.c.exec('catalog', (db) => importCatalog(db, items, { sample: false, at: this.c.at() }));
    if (report.rejected.length) errors.push(`danh mục: bỏ qua ${report.rejected.length} thủ tục sai định dạng`);
    // Sample procedures the province does not have are retired once a real catalog arrives.
    if (report.imported) await this.c.exec('retireSamples', (db) => db.prepare('UPDATE procedures SET active = 0 WHERE is_sample = 1').run());
  }

  async #pullCalendar(errors: string[]): Promise<void> {
    const year = Number(vietnamDate(this.c.o.now()).slice(0, 4));
    for (const y of [year, year + 1]) {
      const r = await this.c.d.api.getJson(`/catalog/calendar?year=${y}`);
      if (r.kind !== 'ok') {
        errors.push(`lịch ${y}: ${reasonOf(r)}`);
        continue;
      }
      if (!r.value) continue;
      try {
        await this.c.exec('calendar', (db) => importCalendarYear(db, r.value));
      } catch (e) {
        errors.push(`lịch ${y}: ${(e as Error).message}`);
      }
    }
  }

  async #topUpLeases(unit: { unit_code: string; counter_id: string }, errors: string[]): Promise<void> {
    const day = vietnamDate(this.c.o.now());
    const left = await this.c.exec('leasesLeft', (db) => remainingCodes(db, unit.unit_code, unit.counter_id, day).lease);
    if (left >= this.c.o.minLeased) return;
    const r = await this.c.d.api.leaseCodes(unit.unit_code, { date: day, counterId: unit.counter_id, size: this.c.o.leaseSize });
    if (r.kind !== 'ok' || !r.value) {
      if (r.kind !== 'ok') errors.push(`thuê số: ${reasonOf(r)}`);
      return;
    }
    const l = r.value;
    if (l.date !== day || l.to < l.from || l.to > 9999) {
      errors.push('thuê số: máy chủ trả dải số không hợp lệ');
      return;
    }
    await this.c.exec('lease', (db) => addLease(db, { unitCode: unit.unit_code, day, leaseId: l.leaseId, from: l.from, to: l.to, at: this.c.at() }));
  }

  /** The changes feed with a persisted cursor; stale and duplicated changes are ignored by version. */
  async pullChanges(errors: string[] = []): Promise<number> {
    const unit = await this.c.exec('unit', (db) => db.prepare('SELECT unit_code FROM counters WHERE is_this_pc = 1').get() as { unit_code: string } | undefined);
    if (!unit) return 0;
    let applied = 0;
    for (let page = 0; page < 10_000; page++) {
      const cursor = await this.c.exec('cursor', (db) => getSetting(db, 'sync.changesCursor'));
      const r = await this.c.d.api.changes(unit.unit_code, cursor);
      if (r.kind !== 'ok' || !r.value) {
        if (r.kind !== 'ok') errors.push(`thay đổi: ${reasonOf(r)}`);
        break;
      }
      const valid: Change[] = [];
      for (const c of r.value.changes) {
        const p = changeSchema.safeParse(c);
        if (p.success) valid.push(p.data);
        else errors.push('thay đổi: bỏ qua một mục sai định dạng');
      }
      const results: Array<{ code: string; docs: NonNullable<Change['DanhSachGiayToKetQua']> }> = [];
      applied += await this.c.exec('applyChanges', (db) =>
        db.transaction(() => {
          let n = 0;
          for (const c of [...valid].sort((a, b) => a.version - b.version)) {
            if (this.#applyChange(db, c)) {
              n++;
              if (c.TrangThaiHoSo === '9' && c.DanhSachGiayToKetQua?.length) results.push({ code: c.MaHoSo, docs: c.DanhSachGiayToKetQua });
            }
          }
          setSetting(db, 'sync.changesCursor', r.value!.cursor);
          return n;
        })(),
      );
      for (const res of results) await this.#downloadResults(res.code, res.docs, errors);
      await this.c.exec('feedFresh', (db) => setSetting(db, 'sync.changesFetchedAt', this.c.at()));
      if (!r.value.hasMore || r.value.cursor === cursor) break;
    }
    return applied;
  }

  #applyChange(db: Database.Database, c: Change): boolean {
    // Every version is kept once (duplicates ignored): supplement rounds count in the KPI rules.
    db.prepare('INSERT OR IGNORE INTO remote_status_history (ma_ho_so, version, status, changed_at) VALUES (?, ?, ?, ?)').run(c.MaHoSo, c.version, c.TrangThaiHoSo, normalizeTime(c.changedAt));
    const prev = db.prepare('SELECT version FROM remote_dossiers WHERE ma_ho_so = ?').get(c.MaHoSo) as { version: number } | undefined;
    if (prev && prev.version >= c.version) return false; // stale or duplicate
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
    const local = db.prepare('SELECT id, trang_thai FROM dossiers WHERE ma_ho_so = ?').get(c.MaHoSo) as { id: number; trang_thai: string } | undefined;
    if (local) {
      db.prepare('UPDATE dossiers SET trang_thai = ?, server_version = MAX(COALESCE(server_version, 0), ?), updated_at = ? WHERE id = ?').run(c.TrangThaiHoSo, c.version, this.c.at(), local.id);
      if (local.trang_thai !== c.TrangThaiHoSo) appendAudit(db, { actor: 'sync', action: 'sync.status', subject: c.MaHoSo, details: { from: local.trang_thai, to: c.TrangThaiHoSo } }, this.c.at());
    }
    return true;
  }

  /** Result files of a dossier that is ready (status 9): downloaded, checked, kept with the dossier. */
  async #downloadResults(code: string, docs: NonNullable<Change['DanhSachGiayToKetQua']>, errors: string[]): Promise<void> {
    const dossierId = await this.c.exec('resDossier', (db) => (db.prepare('SELECT id FROM dossiers WHERE ma_ho_so = ?').get(code) as { id: number } | undefined)?.id);
    if (!dossierId) return; // another counter's dossier: the unit view is enough
    for (const doc of docs) {
      const have = await this.c.exec('resHave', (db) => db.prepare('SELECT 1 FROM attachments WHERE dossier_id = ? AND remote_url = ?').get(dossierId, doc.DuongDanTepTinKetQua));
      if (have) continue;
      const r = await this.c.d.api.download(doc.DuongDanTepTinKetQua);
      if (r.kind !== 'ok') {
        errors.push(`${code}: tải kết quả thất bại (${reasonOf(r)})`);
        continue;
      }
      const isPdf = r.value.subarray(0, 5).toString('latin1') === '%PDF-';
      if (!isPdf) {
        errors.push(`${code}: tệp kết quả không phải PDF, bỏ qua`);
        continue;
      }
      const stored = await this.c.d.files.putBuffer(r.value, `${doc.TenGiayTo ?? 'ket-qua'}.pdf`, 'application/pdf');
      await this.c.exec('resStore', (db) =>
        db.prepare(
          "INSERT INTO attachments (dossier_id, kind, file_name, content_type, sha256, size_bytes, created_at, remote_url, result_code) VALUES (?, 'result', ?, 'application/pdf', ?, ?, ?, ?, ?)",
        ).run(dossierId, stored.fileName, stored.sha256, stored.sizeBytes, this.c.at(), doc.DuongDanTepTinKetQua, doc.MaGiayToKetQua ?? null),
      );
    }
  }
}
