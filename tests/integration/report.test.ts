import type Database from 'better-sqlite3';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcesDir } from '../../electron/node/config/resources';
import { findPdfWorkerScript, WorkerPdfRenderer } from '../../electron/node/documents/pdf-renderer';
import { dailyReport } from '../../electron/node/reports/report-repo';
import { motcua } from '../helpers/cli';
import { copyDataDb, openDataDb } from '../helpers/data-db';
import { tempDir } from '../helpers/tmp';
import { tool } from '../helpers/tools';

const DAY = '2026-11-23';
const at = (d: string, hm: string) => `2026-11-${d}T${hm}:00+07:00`;
const nat = (d: string, hm: string) => `202611${d}${hm.replace(':', '')}00`;

/**
 * A generated day at counter Q01, with the other counter Q02 seen through the feed. Expected
 * figures are written out by hand from this data, not computed by the code under test.
 */
function seed(db: Database.Database) {
  db.exec(`INSERT INTO units VALUES ('U', 'UBND xã Tân Phú', NULL, NULL, '${at('01', '08:00')}');
           INSERT INTO counters VALUES ('U', 'Q01', 9001, 9200, 1);
           INSERT INTO procedures (ma_tthc, ten_tthc, duration_value, duration_unit, updated_at) VALUES ('P1', 'Đăng ký khai sinh', 1, 'NgayLamViec', 'x'), ('P2', 'Chứng thực bản sao', 1, 'NgayLamViec', 'x');`);
  const ins = db.prepare(`INSERT INTO dossiers (id, ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, officer_id, kenh_thuc_hien, loai_doi_tuong, chu_ho_so, ngay_tiep_nhan, ngay_hen_tra, ngay_tra, trang_thai, sync_state, voided_at, created_at, updated_at, name_folded)
                          VALUES (?, ?, ?, ?, 'U', 'Q01', ?, ?, '1', ?, ?, ?, ?, ?, ?, ?, 'x', 'x', '')`);
  // Fees taken at intake are collected at the receipt time; a TraKetQua fee only when the result is handed over.
  const fee = db.prepare("INSERT INTO dossier_fees (dossier_id, ma_phi, ten, amount_vnd, position, thoi_diem_thu, collected_at, collected_by) VALUES (?, ?, ?, ?, 0, 'TiepNhan', ?, 'cb01')");
  const feeAtReturn = db.prepare("INSERT INTO dossier_fees (dossier_id, ma_phi, ten, amount_vnd, position, thoi_diem_thu, collected_at, collected_by) VALUES (?, 'LP2', 'Phí trả kết quả', ?, 1, 'TraKetQua', ?, ?)");
  // id, procedure, officer, channel, received (hh:mm on DAY), due, returned, status, sync, voided, fee
  const rows: Array<[number, string, string, string, string, string | null, string | null, string, string, string | null, number]> = [
    [1, 'P1', 'cb01', '1', '07:30', at('24', '07:30'), null, '2', 'synced', null, 0],
    [2, 'P1', 'cb01', '1', '08:15', at('24', '08:15'), null, '2', 'pending', null, 0],
    [3, 'P2', 'cb02', '1', '08:40', at('24', '08:40'), null, '4', 'synced', null, 10000],
    [4, 'P2', 'cb02', '3', '09:05', at('24', '09:05'), null, '2', 'rejected', null, 10000],
    [5, 'P2', 'cb01', '1', '14:00', at('24', '14:00'), null, '2', 'synced', at('23', '15:00'), 10000], // voided the same day
    [6, 'P1', 'cb01', '1', '15:20', at('20', '15:20'), null, '4', 'synced', null, 8000], // due already passed: overdue
  ];
  for (const [id, p, off, ch, hm, due, ret, st, sync, voided, amount] of rows) {
    ins.run(id, `U-261123-${String(id).padStart(4, '0')}`, p, p === 'P1' ? 'Đăng ký khai sinh' : 'Chứng thực bản sao', off, ch, `Công dân ${id}`, at('23', hm), due, ret, st, sync, voided);
    fee.run(id, 'LP', 'Lệ phí', amount, at('23', hm));
  }
  feeAtReturn.run(3, 20000, null, null); // id 3 not handed over yet: nothing collected
  // Received earlier, returned on the day.
  ins.run(7, 'U-261120-0001', 'P1', 'Đăng ký khai sinh', 'cb01', '1', 'Công dân 7', at('20', '09:00'), at('21', '09:00'), at('23', '10:00'), '10', 'synced', null);
  feeAtReturn.run(7, 15000, at('23', '10:00'), 'cb01'); // collected at its hand-over on DAY
  db.prepare("INSERT INTO turn_backs (form, ma_tthc, ten_tthc, unit_code, counter_id, chu_ho_so, reasons, at) VALUES ('02', 'P1', 'x', 'U', 'Q01', 'a', '[]', ?), ('02', 'P1', 'x', 'U', 'Q01', 'b', '[]', ?), ('03', 'P2', 'x', 'U', 'Q01', 'c', '[]', ?)").run(
    at('23', '09:00'),
    at('23', '10:00'),
    at('23', '11:00'),
  );
  db.prepare("INSERT INTO receipt_prints (dossier_id, form, medium, reprint, reason, at) VALUES (1, '01', 'pdf', 0, NULL, ?), (1, '01', 'thermal', 1, 'x', ?), (3, '01', 'pdf', 1, 'y', ?)").run(at('23', '07:31'), at('23', '08:00'), at('23', '09:00'));
  // KPI cases from the feed (dossiers whose processing ended on DAY).
  const remote = db.prepare(`INSERT INTO remote_dossiers (ma_ho_so, version, status, counter_id, ma_tthc, ten_tthc, received_at, due_at, finished_at, returned_at, fees_vnd, changed_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')`);
  const hist = db.prepare('INSERT INTO remote_status_history VALUES (?, ?, ?, ?)');
  const kpi: Array<[string, string, string, Array<[string, string]>]> = [
    ['K-ontime', 'Q01', at('23', '17:00'), [['2', at('20', '09:00')], ['9', at('23', '10:00')]]],
    ['K-late', 'Q01', at('22', '17:00'), [['2', at('19', '09:00')], ['9', at('23', '10:00')]]],
    ['K-1supp', 'Q01', at('24', '17:00'), [['2', at('20', '09:00')], ['5', at('23', '11:00')]]],
    ['K-2supp', 'Q01', at('30', '17:00'), [['2', at('17', '09:00')], ['5', at('18', '09:00')], ['4', at('19', '09:00')], ['5', at('20', '09:00')], ['4', at('21', '09:00')], ['9', at('23', '09:00')]]],
    // Due moved over a holiday weekend by the server; finished before it: on time.
    ['K-holiday', 'Q02', at('26', '08:00'), [['2', at('21', '16:00')], ['9', at('23', '16:00')]]],
    ['K-earlier', 'Q01', at('22', '17:00'), [['2', at('20', '09:00')], ['9', at('22', '10:00')]]], // ended another day: not counted
  ];
  // Voided id 5 as the province shows it (received, then withdrawn): a mistake, not counted in the KPI.
  kpi.push(['U-261123-0005', 'Q01', at('24', '14:00'), [['2', at('23', '14:00')], ['7', at('23', '15:00')]]]);
  for (const [code, counter, due, h] of kpi) {
    remote.run(code, h.length, h.at(-1)![0], counter, 'P1', 'Đăng ký khai sinh', null, due, null, null, null, h.at(-1)![1]);
    h.forEach(([s, t], i) => hist.run(code, i + 1, s, t));
  }
  // Counter Q02 through the feed: 3 received on DAY (fees 5000 each), 1 returned on DAY.
  for (let i = 1; i <= 3; i++) remote.run(`Q2-${i}`, 1, '2', 'Q02', 'P2', 'Chứng thực bản sao', nat('23', '09:0' + i), null, null, null, 5000, at('23', '09:00'));
  remote.run('Q2-old', 3, '10', 'Q02', 'P2', 'Chứng thực bản sao', nat('20', '09:00'), null, null, nat('23', '16:00'), 5000, at('23', '16:00'));
  db.prepare("INSERT INTO settings VALUES ('sync.changesFetchedAt', ?)").run(at('23', '17:05'));
}

describe('daily counter report against hand-computed figures', () => {
  const t = tempDir('motcua-report-');
  beforeAll(async () => {
    const out = motcua(['db', 'migrate', '--data-dir', t.dir]);
    expect(out.code).toBe(0);
    const db = await openDataDb(t.dir);
    seed(db);
    db.close();
  });
  afterAll(() => t.cleanup());

  it('computes every total, by procedure, by counter, by hour', async () => {
    const db = await openDataDb(t.dir, { readonly: true });
    const r = dailyReport(db, DAY, { now: at('23', '17:10') });
    db.close();
    expect(r.totals).toEqual({
      received: 5, // 6 on the day, one voided
      returned: 1,
      turnedBack: 3,
      supplementRequested: 2,
      refused: 1,
      onTime: 3, // K-ontime (đúng hạn), K-1supp (request in time), K-holiday (both trước hạn)
      // K-late, K-2supp; id 7 (due 21/11 09:00, returned 23/11 10:00); Q2-old (no NgayHenTra: P2's
      // 1 working day from Fri 20/11 09:00 = Mon 23/11 09:00, returned 16:00)
      late: 4,
      // In progress at 17:10 (the day still running): local ids 1,2,3,4,6 and the feed's Q2-1..3 (unit-wide)
      pending: 8,
      overdue: 1, // id 6 (due 20/11); Q2-1..3 have no NgayHenTra: due Tue 24/11 by P2's time limit
      voided: 1,
      reprinted: 2,
      // 0 + 0 + 10000 + 10000 + 8000 at intake, + 15000 collected at id 7's hand-over; id 3's 20000 is
      // collected at the hand-over, which has not happened; voided id 5's fee does not count
      feesCollected: 43000,
      unsynced: 2, // ids 2 (pending) and 4 (rejected)
    });
    // QĐ 766: tyLeDungHan = (trước hạn + đúng hạn + đang trong hạn) / (đã giải quyết + đang giải quyết) × 100
    //       = (2 + 1 + 7) / (3 + 4 + 8) × 100 = 66.67 → 66.7
    expect(r.kpi766).toEqual({ truocHan: 2, dungHan: 1, treHan: 4, dangTrongHan: 7, dangQuaHan: 1, khongRoHan: 0, tyLeDungHan: 66.7, judgedAt: at('23', '17:10') });
    // A day's trend is that day alone (issue #15: the week before cost three times the dossiers judged);
    // the week is asked for as a period. On the 22nd (judged at 23:59:59): K-earlier ended đúng hạn; in
    // progress K-ontime, K-1supp, K-holiday, Q2-old in time; K-late (due 22/11 17:00) and id 7 overdue → 5/7 = 71.4 %.
    expect(r.trend).toEqual([{ day: DAY, received: 8, finished: 7, tyLeDungHan: 66.7 }]);
    const week = await openDataDb(t.dir, { readonly: true });
    const w = dailyReport(week, '2026-11-17', { to: DAY, now: at('23', '17:10') });
    week.close();
    expect(w.trend.map((d) => d.day)).toEqual(['17', '18', '19', '20', '21', '22', '23'].map((d) => `2026-11-${d}`));
    expect(w.trend.at(-2)).toEqual({ day: '2026-11-22', received: 0, finished: 1, tyLeDungHan: 71.4 });
    expect(w.trend.at(-1)).toEqual({ day: DAY, received: 8, finished: 7, tyLeDungHan: 66.7 });
    expect(r.byChannel).toEqual({ direct: 4, online: 0, post: 1 });
    expect(r.byProcedure.map((p) => [p.maTthc, p.received, p.returned, p.onTime, p.late])).toEqual([
      ['P1', 3, 1, 3, 3],
      ['P2', 2, 0, 0, 1],
    ]);
    expect(r.byCounter).toEqual([
      { counterId: 'Q01', received: 5, returned: 1, feesCollected: 43000, source: 'local' },
      { counterId: 'Q02', received: 3, returned: 1, feesCollected: 15000, source: 'feed' },
    ]);
    expect(r.byHour[7]).toBe(1);
    expect(r.byHour[8]).toBe(2);
    expect(r.byHour[15]).toBe(1);
    expect(r.unitDataAsOf).toBe(at('23', '17:05'));
    expect(r.log).toHaveLength(5);
    // The end-of-day review: the void and both reprints, in time order.
    expect(r.review.map((x) => [x.kind, x.code, x.at, x.reason])).toEqual([
      ['reprint', 'U-261123-0001', at('23', '08:00'), 'x'],
      ['reprint', 'U-261123-0003', at('23', '09:00'), 'y'],
      ['void', 'U-261123-0005', at('23', '15:00'), null],
    ]);
  });

  it('a period report (20–23/11) adds the earlier days, counted the same way', async () => {
    const db = await openDataDb(t.dir, { readonly: true });
    const r = dailyReport(db, '2026-11-20', { to: DAY, now: at('23', '17:10') });
    const single = dailyReport(db, DAY, { to: '2026-11-01', now: at('23', '17:10') }); // a "to" before the start is the day alone
    db.close();
    expect(r.dateTo).toBe(DAY);
    expect(r.totals).toMatchObject({
      received: 6, // the 5 of the 23rd plus id 7 received on the 20th
      returned: 1,
      onTime: 4, // K-earlier (ended on the 22nd, in time) joins the 3 of the 23rd
      late: 4,
      pending: 8,
      overdue: 1,
      voided: 1,
      feesCollected: 43000, // id 7 has no intake fee; its 15000 came at the hand-over
    });
    expect(r.kpi766).toMatchObject({ truocHan: 2, dungHan: 2, treHan: 4, dangTrongHan: 7, dangQuaHan: 1, tyLeDungHan: 68.8 }); // 11/16
    expect(r.byCounter.find((c) => c.counterId === 'Q02')).toEqual({ counterId: 'Q02', received: 4, returned: 1, feesCollected: 20000, source: 'feed' });
    expect(r.closed).toBeNull();
    expect(single.dateTo).toBe(DAY);
    expect(single.totals.received).toBe(5);
  });

  it('CLI: supervisors export PDF, CSV, XLSX and JSON; an officer is refused', async () => {
    const env = { PW: 'mat-khau-quan-tri' };
    expect(motcua(['officer', 'add', '--id', 'ad1', '--username', 'admin', '--name', 'Quản trị', '--role', 'admin', '--password-env', 'PW', '--data-dir', t.dir], env).code).toBe(0);
    const asAdmin = { ...env, MOTCUA_OFFICER: 'admin', MOTCUA_PASSWORD: 'mat-khau-quan-tri' };
    expect(motcua(['officer', 'add', '--id', 'gs1', '--username', 'giamsat', '--name', 'Lê Giám Sát', '--role', 'supervisor', '--password-env', 'PW', '--data-dir', t.dir], asAdmin).code).toBe(0);
    expect(motcua(['officer', 'add', '--id', 'cb9', '--username', 'canbo9', '--name', 'Cán Bộ', '--role', 'officer', '--password-env', 'PW', '--data-dir', t.dir], asAdmin).code).toBe(0);
    const sup = { MOTCUA_OFFICER: 'giamsat', MOTCUA_PASSWORD: 'mat-khau-quan-tri' };
    const out = (f: string) => join(t.dir, `report.${f}`);
    for (const f of ['json', 'csv', 'xlsx', 'pdf']) {
      const r = motcua(['report', 'daily', '--date', DAY, '--format', f, '--out', out(f), '--data-dir', t.dir], sup);
      expect(r.code, r.stderr).toBe(0);
    }
    const json = JSON.parse(readFileSync(out('json'), 'utf8'));
    expect(json.totals).toMatchObject({ received: 5, returned: 1, turnedBack: 3, onTime: 3, late: 4, pending: 8, voided: 1, reprinted: 2, feesCollected: 43000, unsynced: 2 });
    // The day is over when the CLI runs: judged at its last second, with the same classes as at 17:10.
    expect(json.kpi766).toEqual({ truocHan: 2, dungHan: 1, treHan: 4, dangTrongHan: 7, dangQuaHan: 1, khongRoHan: 0, tyLeDungHan: 66.7, judgedAt: '2026-11-23T23:59:59+07:00' });
    expect(json.byProcedure.length).toBe(2);
    expect(json.byCounter.length).toBe(2);
    expect(readFileSync(out('csv'), 'utf8')).toContain('Mã hồ sơ,Tên TTHC');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out('xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Sổ theo dõi (Mẫu 07)']);
    expect(tool('qpdf', ['--check', out('pdf')]).code).toBe(0);
    const text = tool('pdftotext', ['-layout', out('pdf'), '-']).stdout;
    expect(text).toContain('BÁO CÁO QUẦY TRONG NGÀY 23/11/2026');
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ (Mẫu 07)');
    expect(text).toMatch(/Hồ sơ tiếp nhận: 5/);
    expect(text).toMatch(/Giải quyết quá hạn: 4/);
    expect(tool('pdfinfo', [out('pdf')]).stdout).toMatch(/Page size:\s+841\.89 x 595\.28/);
    const period = motcua(['report', 'daily', '--date', '2026-11-20', '--to', DAY, '--format', 'pdf', '--out', out('period.pdf'), '--data-dir', t.dir], sup);
    expect(period.code, period.stderr).toBe(0);
    expect(tool('pdftotext', ['-layout', out('period.pdf'), '-']).stdout).toContain('BÁO CÁO QUẦY TỪ NGÀY 20/11/2026 ĐẾN NGÀY 23/11/2026');
    const backwards = motcua(['report', 'daily', '--date', DAY, '--to', '2026-11-20', '--format', 'json', '--out', out('y'), '--data-dir', t.dir], sup);
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toMatch(/không trước --date/);
    const denied = motcua(['report', 'daily', '--date', DAY, '--format', 'json', '--out', out('x'), '--data-dir', t.dir], { MOTCUA_OFFICER: 'canbo9', MOTCUA_PASSWORD: 'mat-khau-quan-tri' });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/không có vai trò supervisor/);
  });

  it('the app renders the report PDF on its worker thread, not the main one', async () => {
    const script = findPdfWorkerScript();
    expect(script, 'npm run build bundles dist/workers/pdf-worker.cjs').not.toBeNull();
    const db = await openDataDb(t.dir, { readonly: true });
    const r = dailyReport(db, DAY, { now: at('23', '17:30') });
    db.close();
    const renderer = new WorkerPdfRenderer(script!, join(resourcesDir(), 'fonts'));
    try {
      const pdf = await renderer.render({ kind: 'report', model: r });
      const file = join(t.dir, 'worker-report.pdf');
      writeFileSync(file, pdf);
      expect(tool('qpdf', ['--check', file]).code).toBe(0);
      const text = tool('pdftotext', ['-layout', file, '-']).stdout;
      expect(text).toContain('BÁO CÁO QUẦY TRONG NGÀY 23/11/2026');
      expect(text).toContain('U-261123-0004');
    } finally {
      await renderer.close();
    }
  });

  it('audit verify detects an edited, a deleted and a reordered row; doctor shows the verdict and the last anchor', async () => {
    const sup = { MOTCUA_OFFICER: 'giamsat', MOTCUA_PASSWORD: 'mat-khau-quan-tri' };
    const ok = motcua(['audit', 'verify', '--data-dir', t.dir], sup);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Nhật ký toàn vẹn \(\d+ dòng, đối chiếu \d+ mốc; mốc gần nhất .+, \d+ dòng\)/);
    const doctor = motcua(['doctor', '--data-dir', t.dir]);
    expect(doctor.stdout).toMatch(/\[OK\s*\] Nhật ký kiểm toán: Nhật ký toàn vẹn .*mốc gần nhất/);
    const tamper = async (sql: string) => {
      const copy = tempDir('motcua-audit-');
      // The same keys and anchors as the original: what is detected is the tampering, not a missing key.
      const keyEnv = await copyDataDb(t.dir, copy.dir);
      copyFileSync(join(t.dir, 'audit-anchors.jsonl'), join(copy.dir, 'audit-anchors.jsonl'));
      const c = await openDataDb(copy.dir, {}, t.dir);
      c.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      c.exec(sql);
      c.close();
      const r = motcua(['audit', 'verify', '--json', '--data-dir', copy.dir], { ...sup, ...keyEnv });
      copy.cleanup();
      return r;
    };
    for (const sql of [
      "UPDATE audit_log SET details = '{\"roles\":[\"admin\",\"supervisor\"]}' WHERE id = 2",
      'DELETE FROM audit_log WHERE id = 2',
      'UPDATE audit_log SET id = 1000 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = 1000;',
    ]) {
      const r = await tamper(sql);
      expect(r.code, sql).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, problem: expect.stringMatching(/^(edited|broken)$/) });
    }
  });

  it('offline login: lockout after 5 failures', () => {
    for (let i = 0; i < 5; i++) motcua(['officer', 'list', '--data-dir', t.dir], { MOTCUA_OFFICER: 'canbo9', MOTCUA_PASSWORD: 'sai' });
    const r = motcua(['report', 'daily', '--format', 'json', '--out', join(t.dir, 'y.json'), '--data-dir', t.dir], { MOTCUA_OFFICER: 'canbo9', MOTCUA_PASSWORD: 'mat-khau-quan-tri' });
    expect(r.stderr).toMatch(/bị khóa/);
  });
});
