import type Database from 'better-sqlite3';
import { toNationalTime } from '../../common/domain/intake';
import { AppFailure } from '../../common/ipc/result';
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
  if (reason.length < 5) throw new AppFailure('invalid_input', 'Ghi lý do hủy phiếu (ít nhất 5 ký tự).');
  return db.transaction(() => {
    const d = voidState(db, o.code);
    if (!d) throw new AppFailure('not_found', `Không có hồ sơ ${o.code} tại quầy này.`);
    if (d.voided_at) throw new AppFailure('conflict', `Phiếu của hồ sơ ${o.code} đã bị hủy lúc ${d.voided_at}.`);
    const mine = thisCounter(db);
    if (mine && mine.counterId !== d.counter_id) throw new AppFailure('forbidden', `Hồ sơ ${o.code} do quầy ${d.counter_id} tiếp nhận: chỉ quầy đó được hủy phiếu.`);
    if (d.ngay_tiep_nhan.slice(0, 10) !== o.at.slice(0, 10)) {
      throw new AppFailure('conflict', `Chỉ hủy được phiếu trong ngày tiếp nhận (${d.ngay_tiep_nhan.slice(0, 10)}). Hồ sơ đã qua ngày: làm thủ tục rút hồ sơ.`);
    }
    if (!VOIDABLE.has(d.trang_thai)) throw new AppFailure('conflict', `Hồ sơ ${o.code} đã được xử lý (trạng thái ${d.trang_thai}): không hủy phiếu được.`);
    // The status stays until the province confirms: a create still queued must go up as received, then the event moves it to 7.
    markVoided(db, d.id, reason, o.at);
    enqueueEvent(db, { code: o.code, dossierId: d.id, event: { TrangThai: '7', ThoiDiemXuLy: toNationalTime(o.at), NguoiXuLy: o.actor, NoiDungXuLy: `Hủy phiếu tiếp nhận: ${reason}` }, at: o.at });
    // The reason may name the citizen: the audit keeps that there is one, the dossier row keeps the text.
    appendAudit(db, { actor: o.actor, action: 'dossier.void', subject: o.code, details: { reasonLength: reason.length } }, o.at);
    return { code: o.code, voidedAt: o.at };
  })();
}
