import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRemoteChange } from '../../electron/node/sync/remote-dossier-repo';
import { ROOT } from '../helpers/cli';
import { CCCD, intakeFixture, OFFICER } from '../helpers/intake';
import { plainCopy } from '../helpers/documents';
import { tool } from '../helpers/tools';
import { isSealed } from '../../electron/node/files/sealed-file';

type F = Awaited<ReturnType<typeof intakeFixture>>;

const DESK = { deskName: 'Trung tâm Phục vụ hành chính công xã Tân Phú', place: 'Tân Phú', phone: '0272 3811 234' };
const SHOTS = join(ROOT, 'test-results', 'screenshots');
/** A citizen typed in by hand (no card scanned). */
const person = (ChuHoSo: string, SoGiayToChuHoSo: string) => ({ MaTTHC: '1.001193', LoaiDoiTuong: '1', ChuHoSo, SoGiayToChuHoSo, NgaySinhChuHoSo: '19900101', GioiTinhChuHoSo: 'Nữ', TaiLieuNop: ['TP1', 'TP2', 'TP3'] });
/** The text in reading order, whitespace folded: a cell's wrapped lines read as one. */
const text = (path: string) => tool('pdftotext', [path, '-']).stdout.normalize('NFC').replace(/\s+/g, ' ');
const layout = (path: string) => tool('pdftotext', ['-layout', path, '-']).stdout.normalize('NFC');
/** Page 1 of a form as a PNG for the report (`pdftoppm -png -r 60`), not committed. */
function screenshot(path: string, name: string): void {
  mkdirSync(SHOTS, { recursive: true });
  const base = join(SHOTS, name);
  expect(tool('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', path, base]).code).toBe(0);
}

describe('forms of a dossier (TT 03/2025 Mẫu 01–07)', () => {
  let f: F;
  let code: string;
  let second: string;
  const now = { t: new Date('2026-11-23T14:35:00+07:00') };
  beforeAll(async () => {
    f = await intakeFixture({ now: () => now.t });
    await f.core.units.setDesk(OFFICER, DESK);
    // The citizen was sent back once for a missing paper (Mẫu 02), then came back with it.
    await f.intake.turnBack(OFFICER, {
      form: '02',
      MaTTHC: '1.001193',
      ChuHoSo: 'Nguyễn Văn Đức',
      SoGiayToChuHoSo: '001090123456',
      reasons: ['Bổ sung bản sao Giấy chứng sinh'],
      reason: 'Hồ sơ thiếu Giấy chứng sinh',
    });
    const r = await f.receive({ MaTTHC: '1.001193', cccd: CCCD, TaiLieuNop: ['TP1', 'TP2', 'TP3'], SoDienThoai: '0912345678' }, { skipReceipt: false });
    code = r.code;
    second = (await f.receive(person('Lê Thị Hoa', '001190000001'))).code;
    // What the changes feed brings: the deciding body took it at 15:00, the result came back next morning.
    await f.store.exec('feed', (db) => {
      recordRemoteChange(db, { MaHoSo: code, TrangThaiHoSo: '4', version: 2, changedAt: '2026-11-23T15:00:00+07:00' });
      recordRemoteChange(db, { MaHoSo: code, TrangThaiHoSo: '9', version: 3, changedAt: '2026-11-24T09:30:00+07:00', GhiChu: 'Đã ký' });
    });
  });
  afterAll(() => f.close());

  /** A kept document's clear bytes, read through the app's own vault, as a file the PDF tools can open. */
  const opened = async (kept: string) => plainCopy(await f.core.docs.read(kept), basename(kept));
  /** The form as kept (sealed: never a PDF on disk), then opened. */
  const keptForm = async (mau: string, input: { reason?: string | null; newDueDate?: string | null } = {}, c = code) => {
    const kept = await f.core.forms.write(OFFICER, c, mau, input);
    expect(isSealed(readFileSync(kept)), `Mẫu ${mau} is kept sealed`).toBe(true);
    return kept;
  };
  const form = async (mau: string, input: { reason?: string | null; newDueDate?: string | null } = {}, c = code) => opened(await keptForm(mau, input, c));

  it('gives each dossier the next number of the unit’s log book for the year, at intake, and the receipt prints it', async () => {
    const a = await f.intake.detail(code);
    const b = await f.intake.detail(second);
    expect([a!.logNumber, b!.logNumber]).toEqual([1, 2]);
    const receipt = layout(await opened(a!.receiptPath!));
    expect(receipt).toMatch(/Số thứ tự: 1\b/);
    expect(receipt).not.toContain('Số thứ tự: 9001');
    // A dossier of an earlier year (data migration) starts that year's book; this year's goes on.
    const old = await f.receive({ ...person('Võ Văn Tư', '001190000002'), NgayTiepNhan: '20251230090000' }, { allowBackdate: true });
    expect((await f.intake.detail(old.code))!.logNumber).toBe(1);
    const next = await f.receive(person('Đỗ Thị Năm', '001190000003'));
    expect((await f.intake.detail(next.code))!.logNumber).toBe(3);
  });

  it('every form carries the national header with the configured desk, the dated place line and the officer’s full name', async () => {
    await form('04', { reason: 'Cơ quan giải quyết cần xác minh thêm', newDueDate: '2026-11-27' });
    for (const mau of ['01', '02', '04', '05', '06']) {
      const s = text(await form(mau));
      expect(s, `Mẫu ${mau}`).toContain('UBND XÃ TÂN PHÚ');
      expect(s, `Mẫu ${mau}`).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ TÂN PHÚ');
      expect(s, `Mẫu ${mau}`).not.toContain('BỘ PHẬN MỘT CỬA');
      expect(s, `Mẫu ${mau}`).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(s, `Mẫu ${mau}`).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(s, `Mẫu ${mau}`).toMatch(/Tân Phú, ngày \d\d tháng 11 năm 2026/);
      expect(s, `Mẫu ${mau}`).toContain('Trần Thị Bình');
    }
    expect(text(await form('07'))).toContain('Trần Thị Bình');
  });

  it('Mẫu 01 keeps the receipt and Mẫu 07 lists the dossier with the same number as its STT', async () => {
    const kept1 = await keptForm('01');
    expect(kept1).toBe((await f.intake.detail(code))!.receiptPath);
    screenshot(await opened(kept1), 'mau-01');
    const p7 = await form('07');
    screenshot(p7, 'mau-07');
    const log = layout(p7);
    expect(log).toContain('SỔ THEO DÕI HỒ SƠ');
    const row = log.split('\n').find((l) => l.includes(code.slice(0, 20)))!;
    expect(row.trim()).toMatch(/^1\s/);
    const second7 = log.split('\n').find((l) => l.includes(second.slice(0, 20)) && l.trim().startsWith('2'));
    expect(second7).toBeTruthy();
  });

  it('Mẫu 07 fills cơ quan chủ trì from the catalog and the transfer and result columns from the changes feed', async () => {
    const report = await f.core.store.exec('r', async (db) => (await import('../../electron/node/reports/report-repo')).dailyReport(db, '2026-11-23', { now: '2026-11-24T10:00:00+07:00' }));
    const row = report.log.find((r) => r.code === code)!;
    expect(row).toMatchObject({ stt: 1, agency: 'UBND cấp xã', transferredAt: '2026-11-23T15:00:00+07:00', resultReceivedAt: '2026-11-24T09:30:00+07:00' });
    expect(report.log.find((r) => r.code === second)).toMatchObject({ stt: 2, agency: 'UBND cấp xã', transferredAt: null, resultReceivedAt: null });
    const log = text(await form('07'));
    expect(log).toContain('UBND cấp xã');
    expect(log).toContain('15:00 23/11/2026');
    expect(log).toContain('09:30 24/11/2026');
  });

  it('Mẫu 02 from the dossier has the content, the reason line and the desk’s phone', async () => {
    const p = await form('02');
    screenshot(p, 'mau-02');
    const s = text(p);
    expect(s).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(s).toContain('Bổ sung bản sao Giấy chứng sinh');
    expect(s).toContain('Lý do: Hồ sơ thiếu Giấy chứng sinh');
    expect(s).toContain('số điện thoại 0272 3811 234');
    // No Mẫu 03 was issued to this applicant: there is nothing to print.
    await expect(form('03')).rejects.toThrow(`Hồ sơ ${code} chưa có Mẫu 03`);
  });

  it('Mẫu 04 needs a reason and a new day, keeps them out of the audit row, and reprints what was written', async () => {
    await expect(form('04', {}, second)).rejects.toThrow('Mẫu 04 cần lý do chậm trễ');
    await expect(form('04', { reason: 'Cần xác minh', newDueDate: null }, second)).rejects.toThrow('Mẫu 04 cần lý do chậm trễ');
    await expect(form('04', { reason: 'Cần xác minh thêm', newDueDate: '2026-11-20' }, second)).rejects.toThrow('không được trước hôm nay');
    expect((await f.core.forms.available(second)).map((c) => c.mau)).toEqual(['01', '05', '06', '07']);
    const p = await form('04', { reason: 'Phải lấy ý kiến cơ quan công an', newDueDate: '2026-11-30' }, second);
    screenshot(p, 'mau-04');
    const s = text(p);
    expect(s).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(s).toContain('Lý do: Phải lấy ý kiến cơ quan công an');
    expect(s).toContain('ngày 30 tháng 11 năm 2026');
    expect(s).toContain(second);
    expect(s).toContain('Lê Thị Hoa');
    const audit = await f.store.exec('a', (db) => db.prepare("SELECT details FROM audit_log WHERE action = 'form.delayNotice' AND subject = ?").pluck().all(second));
    expect(audit).toEqual([JSON.stringify({ reasonLength: 'Phải lấy ý kiến cơ quan công an'.length, newDueDate: '2026-11-30' })]);
    expect((await f.core.forms.available(second)).find((c) => c.mau === '04')).toMatchObject({ written: true, input: 'reasonAndDate' });
    expect(text(await form('04', {}, second))).toContain('Phải lấy ý kiến cơ quan công an');
  });

  it('Mẫu 04 is offered once the dossier is overdue', async () => {
    now.t = new Date('2026-11-26T08:00:00+07:00');
    try {
      expect((await f.core.forms.available(code)).map((c) => c.mau)).toEqual(['01', '02', '04', '05', '06', '07']);
    } finally {
      now.t = new Date('2026-11-23T14:35:00+07:00');
    }
  });

  it('Mẫu 05 and 06 carry their titles and fields; Mẫu 06 brings Liên 1 of the receipt with it', async () => {
    const s5 = text(await form('05', { reason: 'Người nộp rút yêu cầu' }));
    expect(s5).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(s5).toContain(`Mã hồ sơ: ${code}`);
    expect(s5).toContain('Hồ sơ đang ở bước: Được tiếp nhận');
    expect(s5).toContain('Lý do: Người nộp rút yêu cầu');
    const p6 = await form('06');
    screenshot(p6, 'mau-06');
    expect(tool('pdfinfo', [p6]).stdout).toMatch(/Pages:\s+2/);
    const s6 = text(p6);
    expect(s6).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(s6).toContain('Kèm theo hồ sơ của: Nguyễn Văn Đức');
    expect(s6).toContain('Cơ quan (bộ phận) giải quyết hồ sơ: UBND cấp xã');
    expect(s6).toContain('15 giờ 00 phút, ngày 23 tháng 11 năm 2026');
    expect(s6).toContain('09 giờ 30 phút, ngày 24 tháng 11 năm 2026');
    expect(s6).toContain('Đúng hạn'); // the result came back on the due day, before the due time
    expect(s6).toContain('Liên 1: Lưu');
    expect(s6).not.toContain('Liên 2');
    for (const p of [p6]) expect(tool('qpdf', ['--check', p]).code).toBe(0);
  });

  it('refuses an unknown form and a dossier that does not exist with a clear Vietnamese message', async () => {
    await expect(form('08')).rejects.toThrow('Không có mẫu "08": chọn một trong 01, 02, 03, 04, 05, 06, 07.');
    await expect(form('06', {}, '000.00.01.H22-261123-0999')).rejects.toThrow('Không có hồ sơ mã 000.00.01.H22-261123-0999.');
  });
});

