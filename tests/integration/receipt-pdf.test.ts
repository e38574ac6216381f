import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CCCD, intakeFixture, OFFICER } from '../helpers/intake';
import { plainCopy } from '../helpers/documents';
import { decodeBarcodes, tool } from '../helpers/tools';
import { isSealed } from '../../electron/node/files/sealed-file';

type F = Awaited<ReturnType<typeof intakeFixture>>;

describe('receipt Mẫu 01 (A5 PDF)', () => {
  let f: F;
  /** The receipt as kept (sealed) and a clear copy of it, read through the app's vault, for the PDF tools. */
  let keptPath: string;
  let path: string;
  let code: string;
  const opened = async (p: string) => plainCopy(await f.core.docs.read(p), basename(p));
  beforeAll(async () => {
    f = await intakeFixture({ now: () => new Date('2026-11-23T14:35:00+07:00') });
    const r = await f.receive({ MaTTHC: '1.001193', cccd: CCCD, TaiLieuNop: ['TP1', 'TP2', 'TP3'], DanhSachLePhi: ['LP1'], SoDienThoai: '0912345678' }, { skipReceipt: false });
    code = r.code;
    keptPath = r.receiptPath!;
    path = await opened(keptPath);
  });

  it('is kept sealed: no PDF on disk, only the app opens it', () => {
    const onDisk = readFileSync(keptPath);
    expect(isSealed(onDisk)).toBe(true);
    expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);
  });
  afterAll(() => f.close());

  it('passes qpdf --check', () => {
    const r = tool('qpdf', ['--check', path]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('is A5, two copies, with the applicant name with diacritics, the code and both dates in its text', () => {
    const info = tool('pdfinfo', [path]).stdout;
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Page size:\s+419\.5\d? x 595\.2\d? pts/);
    const text = tool('pdftotext', ['-layout', path, '-']).stdout.normalize('NFC');
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('Nguyễn Văn Đức');
    expect(text).toContain(code);
    expect(text).toContain('14 giờ 35 phút, ngày 23 tháng 11 năm 2026');
    expect(text).toContain('14 giờ 35 phút, ngày 24 tháng 11 năm 2026');
    expect(text).toContain('Liên 1: Lưu');
    expect(text).toContain('Liên 2: Giao người nộp hồ sơ');
    expect(text).toContain('Giấy chứng sinh');
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
  });

  it('embeds its fonts', () => {
    const fonts = tool('pdffonts', [path]).stdout;
    expect(fonts).toMatch(/NotoSerif/);
    for (const line of fonts.split('\n').slice(2).filter(Boolean)) expect(line).toMatch(/\byes\b/);
  });

  it('carries the dossier code as Code 128 and QR that a standard decoder reads', () => {
    const decoded = decodeBarcodes(path);
    expect(decoded.sort()).toEqual([code, code]);
  });

  it('a reprint is marked BẢN IN LẠI, kept apart, and audited', async () => {
    const reprint = await f.intake.writeReceipt(OFFICER, code, { reprint: true, reason: 'giấy bị rách' });
    expect(reprint).not.toBe(keptPath);
    expect(tool('pdftotext', [await opened(reprint), '-']).stdout).toContain('BẢN IN LẠI');
    expect((await f.core.docs.read(keptPath)).length).toBeGreaterThan(1000); // the original is untouched
    const rows = await f.store.exec('a', (db) => db.prepare("SELECT subject, details FROM audit_log WHERE action = 'receipt.reprint'").all());
    // The reason may name the citizen: the audit row has its length, receipt_prints keeps the text.
    expect(rows).toEqual([{ subject: code, details: JSON.stringify({ reasonLength: 'giấy bị rách'.length }) }]);
    const kept = await f.store.exec('p', (db) => db.prepare('SELECT reason FROM receipt_prints WHERE reprint = 1').pluck().all());
    expect(kept).toEqual(['giấy bị rách']);
  });

  it('Mẫu 02 and 03 carry their titles and reasons', async () => {
    const t2 = await f.intake.turnBack(OFFICER, { form: '02', MaTTHC: '1.001193', ChuHoSo: 'Lê Thị Hoa', reasons: ['Bổ sung bản sao Giấy chứng sinh'] });
    const t3 = await f.intake.turnBack(OFFICER, { form: '03', MaTTHC: '1.001193', ChuHoSo: 'Lê Thị Hoa', reasons: ['Không thuộc thẩm quyền của xã'] });
    const [c2, c3] = [await opened(t2.pdfPath), await opened(t3.pdfPath)];
    const s2 = tool('pdftotext', [c2, '-']).stdout;
    const s3 = tool('pdftotext', [c3, '-']).stdout;
    expect(s2).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(s2).toContain('Bổ sung bản sao Giấy chứng sinh');
    expect(s3).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(s3).toContain('Không thuộc thẩm quyền của xã');
    for (const p of [c2, c3]) expect(tool('qpdf', ['--check', p]).code).toBe(0);
    expect(join(t2.pdfPath, '..')).toBe(join(keptPath, '..'));
  });
});
