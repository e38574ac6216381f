import type { Actor } from '../../common/domain/actor';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { counterIdSchema, offlineBlockSchema, unitCodeSchema, unitDeskSchema, unitIdentitySchema, type UnitDesk, type UnitIdentity } from '../../common/domain/unit';
import { issueDetail, issuesFailure, keyedReason } from '../../common/domain/zod-locale';
import { wordingOfText } from '../../common/ipc/net-wording';
import { failure } from '../../common/ipc/result';
import type { SettingsService } from '../settings/settings-service';
import { readSetting, writeSetting, type SettingKey } from '../settings/settings-repo';
import { appendAudit } from '../store/audit';
import type { SqliteStore } from '../store/sqlite-store';
import type { ProvincialApi } from '../sync/provincial-api';
import { applyUnitFromProvince, saveUnitIdentity, thisCounter } from './unit-repo';

export interface PulledUnit {
  readonly unit: UnitIdentity;
  readonly address: string | null;
  readonly workHours: Array<{ from: string; to: string }> | null;
  readonly desk: UnitDesk;
  /** Whether the province sent the desk block (`boPhanMotCua`); otherwise what the admin entered stays. */
  readonly deskFromProvince: boolean;
}

const DESK_KEYS: Record<keyof UnitDesk, SettingKey> = { deskName: 'unit.deskName', place: 'unit.place', phone: 'unit.phone' };
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A field of the province's desk block, when it is usable as is (a bad phone is skipped, not stored). */
function deskField<K extends keyof UnitDesk>(k: K, v: string | null | undefined): UnitDesk[K] | undefined {
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const r = unitDeskSchema.shape[k].safeParse(v);
  return r.success ? (r.data as UnitDesk[K]) : undefined;
}

/** The usable fields of the province's desk block (`boPhanMotCua` of GET /units); absent or bad ones are left out. */
export function provinceDesk(b: { ten?: string | null; diaDiem?: string | null; soDienThoai?: string | null } | null | undefined): Partial<UnitDesk> {
  const out: Partial<UnitDesk> = {};
  if (!b) return out;
  for (const [k, v] of [['deskName', b.ten], ['place', b.diaDiem], ['phone', b.soDienThoai]] as const) {
    const f = deskField(k, v);
    if (f !== undefined) out[k] = f;
  }
  return out;
}

/** Writes the desk fields the province sent that differ from what is kept; returns the keys changed. */
export function applyProvinceDesk(db: Parameters<typeof readSetting>[0], desk: Partial<UnitDesk>): Array<keyof UnitDesk> {
  const changed: Array<keyof UnitDesk> = [];
  for (const [k, v] of Object.entries(desk) as Array<[keyof UnitDesk, string]>) {
    if (readSetting(db, DESK_KEYS[k]) === v) continue;
    writeSetting(db, DESK_KEYS[k], v);
    changed.push(k);
  }
  return changed;
}

/**
 * This PC's unit and counter, and the desk the forms print: typed in by IT (`unit set`), or pulled
 * from the province (`unit pull`: the unit's name, address, working hours, this counter's offline
 * block and, from servers that send it, the desk block). Every change is audited with its actor.
 */
export class UnitService {
  constructor(private readonly d: { store: SqliteStore; settings: SettingsService; api: () => Promise<ProvincialApi | null>; now: () => Date }) {}

  async pull(actor: Actor, o: { counterId: string; unitCode?: string | null; fallbackUnitCode?: string | null }): Promise<PulledUnit> {
    const counterId = counterIdSchema.safeParse(o.counterId);
    if (!counterId.success) throw issuesFailure('invalid_input', counterId.error.issues.slice(0, 1));
    const current = await this.d.store.exec('unit.current', (db) => thisCounter(db));
    const code = unitCodeSchema.safeParse(o.unitCode ?? current?.unitCode ?? o.fallbackUnitCode ?? '');
    if (!code.success) throw o.unitCode || current || o.fallbackUnitCode ? issuesFailure('invalid_input', code.error.issues.slice(0, 1)) : failure('invalid_input', 'unit.codeUnknown');
    const api = await this.d.api();
    if (!api) throw failure('conflict', 'unit.noApi');
    const r = await api.getUnit(code.data);
    if (r.kind === 'rejected') throw r.status === 404 ? failure('not_found', 'unit.notAtProvince', { code: code.data }) : failure('not_found', 'unit.provinceRefused', { message: r.message });
    if (r.kind === 'fatal') throw failure('conflict', 'unit.provinceRefused', { message: r.message });
    // The outcome carries its key; matching the Vietnamese text is only for a reason made without one.
    if (r.kind !== 'ok' || !r.value) throw r.kind === 'ok' ? failure('conflict', 'unit.provinceEmpty') : failure('conflict', 'unit.provinceUnreachable', { reason: r.wording ?? wordingOfText(r.reason) ?? r.reason });
    const u = r.value;
    const counter = u.counters.find((c) => c.counterId === counterId.data);
    if (!counter) {
      const counters = u.counters.map((c) => c.counterId).join(', ');
      throw failure('not_found', 'unit.noCounter', { code: code.data, counter: counterId.data, counters: counters || { key: 'unit.noCounters' } });
    }
    const block = counter.offlineBlock ? offlineBlockSchema.safeParse({ from: counter.offlineBlock.from, to: counter.offlineBlock.to }) : null;
    if (block && !block.success) throw failure('conflict', 'unit.provinceBadBlock', { counter: counterId.data });
    const unit = unitIdentitySchema.safeParse({ unitCode: code.data, unitName: u.tenDonVi, counterId: counterId.data, offlineBlock: block?.data ?? null });
    if (!unit.success) throw failure('conflict', 'unit.provinceBadUnit', { reason: keyedReason(issueDetail(unit.error.issues[0]!)) });
    const hours = u.gioLamViec?.length && u.gioLamViec.every((p) => HHMM.test(p.from) && HHMM.test(p.to) && p.from < p.to) ? u.gioLamViec.map((p) => ({ from: p.from, to: p.to })) : null;
    const b = u.boPhanMotCua;
    const fromProvince = provinceDesk(b);
    const at = toVietnamRfc3339(this.d.now());
    const workHours = await this.d.store.exec('unit.pull', (db) =>
      db.transaction(() => {
        // Hours the province does not send (or sends malformed) keep what this unit had.
        const kept = current?.unitCode === code.data ? current.workHours : null;
        const hoursJson = hours ? JSON.stringify(hours) : kept;
        saveUnitIdentity(db, unit.data, at);
        applyUnitFromProvince(db, { unitCode: code.data, counterId: counterId.data, name: unit.data.unitName, address: u.diaChi ?? null, workHours: hoursJson, at, offlineBlock: unit.data.offlineBlock });
        for (const [k, v] of Object.entries(fromProvince) as Array<[keyof UnitDesk, string]>) writeSetting(db, DESK_KEYS[k], v);
        appendAudit(db, { actor: actor.officerId, action: 'unit.pull', subject: code.data, details: { counterId: counterId.data, offlineBlock: unit.data.offlineBlock, desk: Object.keys(fromProvince) } }, at);
        return hoursJson ? (JSON.parse(hoursJson) as Array<{ from: string; to: string }>) : null;
      })(),
    );
    return { unit: unit.data, address: u.diaChi ?? null, workHours, desk: await this.desk(), deskFromProvince: Boolean(b) };
  }

  desk(): Promise<UnitDesk> {
    return this.d.store.exec('unit.desk', (db) => ({ deskName: readSetting(db, 'unit.deskName'), place: readSetting(db, 'unit.place'), phone: readSetting(db, 'unit.phone') }));
  }

  /** Sets the given fields (null removes one, so the forms fall back to their defaults); others stay. */
  async setDesk(actor: Actor, desk: Partial<UnitDesk>): Promise<UnitDesk> {
    const parsed = unitDeskSchema.partial().safeParse(desk);
    if (!parsed.success) throw issuesFailure('invalid_input', parsed.error.issues);
    for (const [k, v] of Object.entries(parsed.data) as Array<[keyof UnitDesk, string | null | undefined]>) {
      if (v !== undefined) await this.d.settings.set(DESK_KEYS[k], v, actor);
    }
    return this.desk();
  }
}
