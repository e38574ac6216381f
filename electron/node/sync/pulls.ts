import type Database from 'better-sqlite3';
import { changeSchema, type Change } from '../../common/domain/sync-wire';
import { vietnamDate } from '../../common/domain/time';
import { importCalendarYear } from '../calendar/calendar-repo';
import { importCatalog, retireSampleProcedures } from '../catalog/catalog-repo';
import { addLease, remainingCodes } from '../intake/code-repo';
import { applyRemoteStatus, dossierIdByCode, hasResultFrom, insertResultDocument } from '../intake/dossier-repo';
import { readSetting, writeSetting } from '../settings/settings-repo';
import { appendAudit } from '../store/audit';
import { applyUnitFromProvince, thisCounter, type ThisCounter } from '../unit/unit-repo';
import { applyProvinceDesk, provinceDesk } from '../unit/unit-service';
import { recordRemoteChange } from './remote-dossier-repo';
import { outcomeWording } from './api-types';
import { syncError, thrownReason, type SyncContext, type SyncError } from './sync-context';

type Unit = Pick<ThisCounter, 'unitCode' | 'counterId'>;


/**
 * What the counter takes from the province: its unit and counters, the procedure catalog, the
 * working-day calendar, leases of dossier numbers, and the changes feed with the result files of
 * dossiers that are ready. Each failure is reported, never fatal: the counter works on what it has.
 */
export class Pulls {
  constructor(private readonly c: SyncContext) {}

  /** Unit, catalog, calendar, code leases and the changes feed; each failure is reported, never fatal. */
  async pull(errors: SyncError[] = []): Promise<number> {
    const unit = await this.c.exec('unit', (db) => thisCounter(db));
    if (!unit) {
      errors.push(syncError('pull.noUnit'));
      return 0;
    }
    await this.#pullUnit(unit, errors);
    await this.#pullCatalog(errors);
    await this.#pullCalendar(errors);
    await this.#topUpLeases(unit, errors);
    return this.pullChanges(errors);
  }

  async #pullUnit(unit: Unit, errors: SyncError[]): Promise<void> {
    const r = await this.c.d.api.getUnit(unit.unitCode);
    if (r.kind !== 'ok' || !r.value) {
      if (r.kind !== 'ok') errors.push(syncError('pull.unit', { reason: outcomeWording(r) }));
      return;
    }
    const u = r.value;
    const mine = u.counters.find((c) => c.counterId === unit.counterId);
    await this.c.exec('applyUnit', (db) =>
      db.transaction(() => {
        applyUnitFromProvince(db, {
          unitCode: unit.unitCode,
          counterId: unit.counterId,
          name: u.tenDonVi,
          address: u.diaChi ?? null,
          workHours: u.gioLamViec ? JSON.stringify(u.gioLamViec.map((p) => ({ from: p.from, to: p.to }))) : null,
          at: this.c.at(),
          offlineBlock: mine?.offlineBlock ? { from: mine.offlineBlock.from, to: mine.offlineBlock.to } : null,
        });
        // The desk the forms' headers name follows the province when it sends it; otherwise the admin's entry stays.
        const desk = applyProvinceDesk(db, provinceDesk(u.boPhanMotCua));
        if (desk.length) appendAudit(db, { actor: 'sync', action: 'unit.desk', subject: unit.unitCode, details: { desk } }, this.c.at());
      })(),
    );
  }

  async #pullCatalog(errors: SyncError[]): Promise<void> {
    let cursor: string | null = null;
    const items: unknown[] = [];
    for (let page = 0; page < 1000; page++) {
      const r = await this.c.d.api.procedures(cursor, null);
      if (r.kind !== 'ok' || !r.value) {
        if (r.kind !== 'ok') errors.push(syncError('pull.catalog', { reason: outcomeWording(r) }));
        return;
      }
      items.push(...r.value.items);
      if (!r.value.hasMore || !r.value.cursor || r.value.cursor === cursor) break;
      cursor = r.value.cursor;
    }
    const report = await this.c.exec('catalog', (db) => importCatalog(db, items, { sample: false, at: this.c.at() }));
    if (report.rejected.length) errors.push(syncError('pull.catalogSkipped', { count: report.rejected.length }));
    // Sample procedures the province does not have are retired once a real catalog arrives.
    if (report.imported) await this.c.exec('retireSamples', (db) => retireSampleProcedures(db));
  }

  async #pullCalendar(errors: SyncError[]): Promise<void> {
    const year = Number(vietnamDate(this.c.o.now()).slice(0, 4));
    for (const y of [year, year + 1]) {
      const r = await this.c.d.api.getJson(`/catalog/calendar?year=${y}`);
      if (r.kind !== 'ok') {
        errors.push(syncError('pull.calendar', { year: y, reason: outcomeWording(r) }));
        continue;
      }
      if (!r.value) continue;
      try {
        await this.c.exec('calendar', (db) => importCalendarYear(db, r.value));
      } catch (e) {
        errors.push(syncError('pull.calendar', { year: y, reason: thrownReason(e) }));
      }
    }
  }

  async #topUpLeases(unit: Unit, errors: SyncError[]): Promise<void> {
    const day = vietnamDate(this.c.o.now());
    const left = await this.c.exec('leasesLeft', (db) => remainingCodes(db, unit.unitCode, unit.counterId, day).lease);
    if (left >= this.c.o.minLeased) return;
    const r = await this.c.d.api.leaseCodes(unit.unitCode, { date: day, counterId: unit.counterId, size: this.c.o.leaseSize });
    if (r.kind !== 'ok' || !r.value) {
      if (r.kind !== 'ok') errors.push(syncError('pull.lease', { reason: outcomeWording(r) }));
      return;
    }
    const l = r.value;
    if (l.date !== day || l.to < l.from || l.to > 9999) {
      errors.push(syncError('pull.leaseInvalid'));
      return;
    }
    await this.c.exec('lease', (db) => addLease(db, { unitCode: unit.unitCode, day, leaseId: l.leaseId, from: l.from, to: l.to, at: this.c.at() }));
  }

  /** The changes feed with a persisted cursor; stale and duplicated changes are ignored by version. */
  async pullChanges(errors: SyncError[] = []): Promise<number> {
    const unit = await this.c.exec('unit', (db) => thisCounter(db));
    if (!unit) return 0;
    let applied = 0;
    for (let page = 0; page < 10_000; page++) {
      const cursor = await this.c.exec('cursor', (db) => readSetting(db, 'sync.changesCursor'));
      const r = await this.c.d.api.changes(unit.unitCode, cursor);
      if (r.kind !== 'ok' || !r.value) {
        if (r.kind !== 'ok') errors.push(syncError('pull.changes', { reason: outcomeWording(r) }));
        break;
      }
      const valid: Change[] = [];
      for (const c of r.value.changes) {
        const p = changeSchema.safeParse(c);
        if (p.success) valid.push(p.data);
        else errors.push(syncError('pull.changeSkipped'));
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
          writeSetting(db, 'sync.changesCursor', r.value!.cursor);
          return n;
        })(),
      );
      for (const res of results) await this.#downloadResults(res.code, res.docs, errors);
      await this.c.exec('feedFresh', (db) => writeSetting(db, 'sync.changesFetchedAt', this.c.at()));
      if (!r.value.hasMore || r.value.cursor === cursor) break;
    }
    return applied;
  }

  #applyChange(db: Database.Database, c: Change): boolean {
    if (!recordRemoteChange(db, c)) return false;
    const local = applyRemoteStatus(db, c.MaHoSo, { status: c.TrangThaiHoSo, version: c.version, at: this.c.at() });
    if (local && local.previous !== c.TrangThaiHoSo) appendAudit(db, { actor: 'sync', action: 'sync.status', subject: c.MaHoSo, details: { from: local.previous, to: c.TrangThaiHoSo } }, this.c.at());
    return true;
  }

  /** Result files of a dossier that is ready (status 9): downloaded, checked, kept with the dossier. */
  async #downloadResults(code: string, docs: NonNullable<Change['DanhSachGiayToKetQua']>, errors: SyncError[]): Promise<void> {
    const dossierId = await this.c.exec('resDossier', (db) => dossierIdByCode(db, code));
    if (!dossierId) return; // another counter's dossier: the unit view is enough
    for (const doc of docs) {
      const have = await this.c.exec('resHave', (db) => hasResultFrom(db, dossierId, doc.DuongDanTepTinKetQua));
      if (have) continue;
      const r = await this.c.d.api.download(doc.DuongDanTepTinKetQua);
      if (r.kind !== 'ok') {
        errors.push(syncError('pull.resultFailed', { code, reason: outcomeWording(r) }));
        continue;
      }
      const isPdf = r.value.subarray(0, 5).toString('latin1') === '%PDF-';
      if (!isPdf) {
        errors.push(syncError('pull.resultNotPdf', { code }));
        continue;
      }
      const stored = await this.c.d.files.putBuffer(r.value, `${doc.TenGiayTo ?? 'ket-qua'}.pdf`, 'application/pdf');
      await this.c.exec('resStore', (db) =>
        insertResultDocument(db, {
          dossierId,
          kind: 'result',
          fileName: stored.fileName,
          sha256: stored.sha256,
          sizeBytes: stored.sizeBytes,
          at: this.c.at(),
          remoteUrl: doc.DuongDanTepTinKetQua,
          resultCode: doc.MaGiayToKetQua ?? null,
        }),
      );
    }
  }
}
