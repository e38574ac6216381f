import { describe, expect, it } from 'vitest';
import { toVietnamRfc3339 } from '../../electron/common/domain/time';
import { AppFailure } from '../../electron/common/ipc/result';
import { voidDossier } from '../../electron/node/intake/void-dossier';
import { dailyReport } from '../../electron/node/reports/report-repo';
import { intakeFixture } from '../helpers/intake';
import { dossiers, engineFor, referenceServer } from '../helpers/sync';
import { serverPerTest } from '../helpers/sync-suite';

type F = Awaited<ReturnType<typeof intakeFixture>>;
type S = Awaited<ReturnType<typeof referenceServer>>;

const failure = (fn: () => unknown): AppFailure => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppFailure) return e;
    throw e;
  }
  throw new Error('expected an AppFailure');
};

describe('voiding a receipt (hủy phiếu tiếp nhận)', () => {
  let f: F;
  let server: S;
  serverPerTest((x) => ({ f, server } = x));

  it('a receipt voided before sync reaches the province as received, then withdrawn (7); nothing is deleted', async () => {
    const [code, kept] = await dossiers(f, 2, { attachmentSize: 0 });
    const at = toVietnamRfc3339(new Date());
    const r = await f.store.exec('void', (db) => voidDossier(db, { code: code!, reason: 'Chọn nhầm thủ tục', actor: 'cb01', at }));
    expect(r).toEqual({ code, voidedAt: at });
    const row = await f.store.exec('row', (db) => db.prepare('SELECT voided_at, void_reason, trang_thai FROM dossiers WHERE ma_ho_so = ?').get(code));
    expect(row).toEqual({ voided_at: at, void_reason: 'Chọn nhầm thủ tục', trang_thai: '2' });

    const report = await f.store.exec('report', (db) => dailyReport(db, at.slice(0, 10), { now: at }));
    expect(report.totals.received).toBe(1);
    expect(report.totals.voided).toBe(1);
    expect(report.review).toEqual([expect.objectContaining({ kind: 'void', code, reason: 'Chọn nhầm thủ tục' })]);
    expect(report.log.map((x) => x.code)).toEqual([kept]);

    const out = await engineFor(f, server.url).runOnce();
    expect(out).toMatchObject({ remaining: 0, rejected: 0 });
    const onServer = server.db.prepare('SELECT code, status FROM dossiers ORDER BY code').all() as Array<{ code: string; status: string }>;
    expect(onServer.find((x) => x.code === code)?.status).toBe('7');
    expect(onServer.find((x) => x.code === kept)?.status).not.toBe('7');
    const events = server.db.prepare('SELECT body FROM events WHERE code = ?').all(code) as Array<{ body: string }>;
    expect(events.map((e) => JSON.parse(e.body) as { TrangThai: string; NoiDungXuLy: string })).toEqual([
      expect.objectContaining({ TrangThai: '7', NoiDungXuLy: 'Hủy phiếu tiếp nhận: Chọn nhầm thủ tục' }),
    ]);
    const audit = await f.store.exec('audit', (db) => db.prepare("SELECT subject, details FROM audit_log WHERE action = 'dossier.void'").all());
    // The reason may name the citizen: the audit only records that there was one.
    expect(audit).toEqual([{ subject: code, details: JSON.stringify({ reasonLength: 'Chọn nhầm thủ tục'.length }) }]);
  });

  it('refuses a second void, a short reason, an unknown code and a receipt of another day, changing nothing', async () => {
    const [code] = await dossiers(f, 1, { attachmentSize: 0 });
    const at = toVietnamRfc3339(new Date());
    await f.store.exec('void', (db) => voidDossier(db, { code: code!, reason: 'Công dân rút hồ sơ', actor: 'cb01', at }));
    await f.store.exec('checks', (db) => {
      expect(failure(() => voidDossier(db, { code: code!, reason: 'lần thứ hai', actor: 'cb01', at })).code).toBe('conflict');
      expect(failure(() => voidDossier(db, { code: code!, reason: 'ngắn', actor: 'cb01', at })).message).toMatch(/ít nhất 5 ký tự/);
      expect(failure(() => voidDossier(db, { code: 'KHONG-CO', reason: 'không có hồ sơ', actor: 'cb01', at })).code).toBe('not_found');
      const tomorrow = toVietnamRfc3339(new Date(Date.now() + 86_400_000));
      db.prepare('UPDATE dossiers SET voided_at = NULL WHERE ma_ho_so = ?').run(code);
      expect(failure(() => voidDossier(db, { code: code!, reason: 'để hôm sau mới hủy', actor: 'cb01', at: tomorrow })).message).toMatch(/trong ngày tiếp nhận/);
      const events = (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'event' AND ma_ho_so = ?").get(code) as { n: number }).n;
      expect(events).toBe(1);
    });
  });
});
