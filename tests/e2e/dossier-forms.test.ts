import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { tool } from '../helpers/tools';

type Host = Awaited<ReturnType<typeof startTestHost>>;

const pdfText = (path: string) => tool('pdftotext', [path, '-']).stdout.normalize('NFC').replace(/\s+/g, ' ');

/** Issue 16: Mẫu 02/03 and the dossier's other forms printed (and reprinted) from the Hồ sơ detail. */
describe('In mẫu… on the Hồ sơ detail (Chromium host)', () => {
  let host: Host;
  let code = '';

  beforeAll(async () => {
    host = await startTestHost();
    const { page } = host;
    const desk = await page.evaluate(() => window.motcua['unit.setDesk']({ deskName: 'Trung tâm Phục vụ hành chính công xã Tân Phú', place: 'Tân Phú', phone: '0272 3811 234' }));
    expect(desk.ok).toBe(true);
    // The company was sent back once for a missing paper, then came back with everything.
    const tb = await page.evaluate(() =>
      window.motcua['intake.turnBack']({
        form: '02',
        MaTTHC: '2.002010',
        ChuHoSo: 'Công ty TNHH Sao Mai',
        DiaChiChuHoSo: null,
        SoDienThoai: null,
        SoGiayToChuHoSo: '0312345678',
        reasons: ['Bổ sung Điều lệ công ty'],
        reason: 'Hồ sơ thiếu Điều lệ',
      }),
    );
    expect(tb.ok).toBe(true);
    const r = await page.evaluate(() =>
      window.motcua['intake.receive']({
        draft: { MaTTHC: '2.002010', LoaiDoiTuong: '2', ChuHoSo: 'Công ty TNHH Sao Mai', SoGiayToChuHoSo: '0312345678', TaiLieuNop: ['TP1', 'TP2', 'TP3', 'TP4'], DanhSachLePhi: [], SoBo: 1 },
        attachments: [],
      }),
    );
    if (!r.ok) throw new Error(r.error.message);
    code = r.value.code;
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  it('lists the forms that apply and prints Mẫu 02 and Mẫu 06 through the print dialog, as the receipt', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+2');
    await page.fill('[data-testid="dossier-search"]', 'sao mai');
    await page.waitForSelector('[data-testid="search-results"] td:has-text("Sao Mai")');
    await page.focus('[data-testid="search-results"] tbody tr[tabindex="0"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="dossier-detail"]');
    await page.click('[data-testid="forms-open"]');
    await page.waitForSelector('[data-testid="form-print-06"]');
    const offered = await page.$$eval('[data-testid="forms-panel"] [data-testid^="form-print-"]', (els) => els.map((e) => e.getAttribute('data-testid')!.slice(-2)));
    // Not overdue and no Mẫu 03: those two are not offered.
    expect(offered).toEqual(['01', '02', '05', '06', '07']);
    expect(await page.textContent('[data-testid="form-print-06"]')).toContain('Phiếu kiểm soát quá trình giải quyết hồ sơ');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-forms-panel.png') });

    const before = host.printed.length;
    await page.click('[data-testid="form-print-02"]');
    await page.waitForSelector('[data-testid="dossier-message"]:has-text("Đã in Mẫu 02")');
    expect(host.printed.length).toBe(before + 1);
    const m02 = pdfText(host.printed.at(-1)!);
    expect(m02).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(m02).toContain('Bổ sung Điều lệ công ty');
    expect(m02).toContain('Lý do: Hồ sơ thiếu Điều lệ');
    expect(m02).toContain('số điện thoại 0272 3811 234');

    await page.click('[data-testid="form-print-06"]');
    await page.waitForSelector('[data-testid="dossier-message"]:has-text("Đã in Mẫu 06")');
    expect(host.printed.length).toBe(before + 2);
    const m06 = pdfText(host.printed.at(-1)!);
    expect(m06).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(m06).toContain(`Mã hồ sơ: ${code}`);
    expect(m06).toContain('Kèm theo hồ sơ của: Công ty TNHH Sao Mai');
    expect(m06).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ TÂN PHÚ');
    expect(m06).toContain('Liên 1: Lưu');
    expect(m06).toContain('Quản Trị Viên');
  });

  it('Mẫu 05 takes the officer’s reason; a Mẫu 04 without its new day is refused in Vietnamese', async () => {
    const { page } = host;
    await page.click('[data-testid="form-print-05"]');
    await page.fill('[data-testid="form-reason"]', 'Doanh nghiệp xin rút hồ sơ');
    await page.click('[data-testid="form-confirm"]');
    await page.waitForSelector('[data-testid="dossier-message"]:has-text("Đã in Mẫu 05")');
    const m05 = pdfText(host.printed.at(-1)!);
    expect(m05).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(m05).toContain('Lý do: Doanh nghiệp xin rút hồ sơ');
    // Mẫu 04 is refused by the service for a dossier with no date (the channel says why, in Vietnamese).
    const r = await page.evaluate((c) => window.motcua['form.print']({ code: c, mau: '04', reason: 'Cần xác minh thêm', newDueDate: null }), code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('Mẫu 04 cần lý do chậm trễ');
  });
});
