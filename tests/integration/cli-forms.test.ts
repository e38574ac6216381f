import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { motcua } from '../helpers/cli';
import { CCCD, intakeFixture, OFFICER, OFFICER_ENV } from '../helpers/intake';
import { tool } from '../helpers/tools';

type F = Awaited<ReturnType<typeof intakeFixture>>;

const TITLES: Record<string, string> = {
  '01': 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  '02': 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  '03': 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  '04': 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
  '05': 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
  '06': 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
  '07': 'SỔ THEO DÕI HỒ SƠ',
};

describe('motcua form pdf', () => {
  let f: F;
  let code: string;
  const dd = () => ['--data-dir', f.dir];
  beforeAll(async () => {
    f = await intakeFixture();
    await f.core.units.setDesk(OFFICER, { deskName: 'Trung tâm Phục vụ hành chính công xã Tân Phú', place: 'Tân Phú', phone: '0272 3811 234' });
    for (const form of ['02', '03'] as const) {
      await f.intake.turnBack(OFFICER, { form, MaTTHC: '1.001193', ChuHoSo: 'Nguyễn Văn Đức', SoGiayToChuHoSo: '001090123456', reasons: [`Lý do của Mẫu ${form}`] });
    }
    code = (await f.receive({ MaTTHC: '1.001193', cccd: CCCD, TaiLieuNop: ['TP1', 'TP2', 'TP3'] })).code;
  });
  afterAll(() => f.close());

  it('writes each form 01–07 of a dossier with its title, the desk and the officer', () => {
    for (const mau of Object.keys(TITLES)) {
      const out = join(f.dir, `mau-${mau}.pdf`);
      const extra = mau === '04' ? ['--reason', 'Cần lấy ý kiến cơ quan khác', '--new-date', '2099-12-31'] : [];
      const r = motcua(['form', 'pdf', code, '--mau', mau, '--out', out, ...extra, ...dd()], OFFICER_ENV);
      expect(r.code, `Mẫu ${mau}: ${r.stderr}`).toBe(0);
      expect(r.stdout.trim()).toBe(out);
      const s = tool('pdftotext', [out, '-']).stdout.normalize('NFC').replace(/\s+/g, ' ');
      expect(s, `Mẫu ${mau}`).toContain(TITLES[mau]);
      expect(s, `Mẫu ${mau}`).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ TÂN PHÚ');
      expect(s, `Mẫu ${mau}`).toContain('Trần Thị Bình');
    }
    expect(tool('pdftotext', [join(f.dir, 'mau-03.pdf'), '-']).stdout).toContain('Lý do của Mẫu 03');
    // receipt pdf is still there and gives the same receipt.
    const old = motcua(['receipt', 'pdf', code, '--out', join(f.dir, 'r.pdf'), ...dd()], OFFICER_ENV);
    expect(old.code, old.stderr).toBe(0);
  }, 400_000); // nine CLI processes, each opening the encrypted store, on a shared machine

  it('refuses an unknown --mau, a missing Mẫu 04 reason and a dossier that does not exist, in Vietnamese, writing nothing', () => {
    const out = join(f.dir, 'x.pdf');
    const bad = motcua(['form', 'pdf', code, '--mau', '08', '--out', out, ...dd()], OFFICER_ENV);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Không có mẫu "08": chọn một trong 01, 02, 03, 04, 05, 06, 07.');
    const missing = motcua(['form', 'pdf', '000.00.01.H22-261123-0999', '--mau', '06', '--out', out, ...dd()], OFFICER_ENV);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Không có hồ sơ mã 000.00.01.H22-261123-0999.');
    const noReason = motcua(['form', 'pdf', code, '--mau', '04', '--new-date', '2099-12-31', '--out', out, ...dd()], OFFICER_ENV);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('Mẫu 04 cần lý do chậm trễ');
    expect(tool('ls', [out]).code).not.toBe(0);
    // Without sign-in nothing is printed, as the app's channel would refuse.
    expect(motcua(['form', 'pdf', code, '--mau', '06', '--out', out, ...dd()]).stderr).toMatch(/cần đăng nhập/);
  }, 300_000);
});
