import type Database from 'better-sqlite3';
import { toNationalTime } from '../../common/domain/intake';
import { failure } from '../../common/ipc/result';
import { appendAudit } from '../store/audit';
import { thisCounter } from '../unit/unit-repo';
import { markVoided, voidState } from './dossier-repo';
import { enqueueEvent } from '../sync/outbox-repo';

/** Statuses a receipt can still be voided from: received, not yet taken up by the processing department's decisions. */
const VOIDABLE = new Set(['1', '2']);

/**
 * Hủy phiếu tiếp nhận: a receipt issued by mistake (wrong procedure, citizen withdraws at the
 * counter) is voided on the day it was issued, with a reason. Nothing is deleted: the dossier
 * keeps its code (sequence numbers are never reused, contract §2), drops out of the day's
 * counts, shows in the supervisor's end-of-day review, and the province is told through a
 * "withdrawn" (7) event queued after the dossier itself, so the order holds through outages.
 */
export function voidDossier(db: Database.Database, o: { code: string; reason: string; actor: string; at: string }): { code: string; voidedAt: string } {
  const reason = o.reason.trim();
  if (reason.length < 5) throw failure('invalid_input', 'void.reasonShort');
  return db.transaction(() => {
    const d = voidState(db, o.code);
    if (!d) throw failure('not_found', 'void.notHere', { code: o.code });
    if (d.voided_at) throw failure('conflict', 'void.already', { code: o.code, at: d.voided_at });
    const mine = thisCounter(db);
    if (mine && mine.counterId !== d.counter_id) throw failure('forbidden', 'void.otherCounter', { code: o.code, counter: d.counter_id });
    if (d.ngay_tiep_nhan.slice(0, 10) !== o.at.slice(0, 10)) {
      throw failure('conflict', 'void.pastDay', { day: d.ngay_tiep_nhan.slice(0, 10) });
    }
    if (!VOIDABLE.has(d.trang_thai)) throw failure('conflict', 'void.processed', { code: o.code, status: d.trang_thai });
    // The status stays until the province confirms: a create still queued must go up as received, then the event moves it to 7.
    markVoided(db, d.id, reason, o.at);
    enqueueEvent(db, { code: o.code, dossierId: d.id, event: { TrangThai: '7', ThoiDiemXuLy: toNationalTime(o.at), NguoiXuLy: o.actor, NoiDungXuLy: `Hủy phiếu tiếp nhận: ${reason}` }, at: o.at });
    // The reason may name the citizen: the audit keeps that there is one, the dossier row keeps the text.
    appendAudit(db, { actor: o.actor, action: 'dossier.void', subject: o.code, details: { reasonLength: reason.length } }, o.at);
    return { code: o.code, voidedAt: o.at };
  })();
}
