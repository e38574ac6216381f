import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAdmin, motcua } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { oneVietnamDayFor } from '../helpers/vietnam-day';
import { tool } from '../helpers/tools';

describe('motcua intake commands', () => {
  const t = tempDir('motcua-cli-');
  const dd = ['--data-dir', t.dir];
  let asAdmin: Record<string, string> = {};
  const asOfficer = { MOTCUA_OFFICER: 'canbo01', MOTCUA_PASSWORD: 'mat-khau-can-bo' };
  beforeAll(() => {
    asAdmin = cliAdmin(t.dir);
    expect(motcua(['unit', 'set', '--code', '000.00.01.H22', '--name', 'UBND xã Tân Phú', '--counter', 'Q01', '--offline-block', '9001-9200', ...dd], asAdmin).code).toBe(0);
    const added = motcua(['officer', 'add', '--id', 'cb01', '--username', 'canbo01', '--name', 'Trần Thị Bình', '--role', 'officer', '--password-env', 'PW', ...dd], { ...asAdmin, PW: asOfficer.MOTCUA_PASSWORD });
    expect(added.code, added.stderr).toBe(0);
  });
  afterAll(() => t.cleanup());

  it('cccd parse prints the national fields as NFC JSON, or exits non-zero with the reason', () => {
    const r = motcua(['cccd', 'parse', '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1|15042021|extra']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      SoDinhDanh: '001090123456',
      SoCMND: '012345678',
      HoTen: 'Nguyễn Văn Đức',
      NgaySinh: '1990-01-01',
      GioiTinh: 'Nam',
      NoiThuongTru: 'Phường Bến Nghé, Quận 1',
      NgayCap: '2021-04-15',
      extra: ['extra'],
    });
    const bad = motcua(['cccd', 'parse', '001090123456|012345678|A|31021990|Nam|x|15042021']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/Ngày sinh/);
  });

  it('calendar due prints RFC 3339 with offset', () => {
    const r = motcua(['calendar', 'due', '--received', '2026-04-29T16:00:00+07:00', '--duration', '1', '--unit', 'NgayLamViec', ...dd]);
    expect(r.stdout.trim()).toBe('2026-05-04T16:00:00+07:00');
    expect(motcua(['calendar', 'due', '--received', 'yesterday', '--duration', '1', '--unit', 'Gio', ...dd]).code).toBe(1);
    expect(motcua(['calendar', 'due', '--received', '2026-04-29T16:00:00+07:00', '--duration', '1', '--unit', 'Tuan', ...dd]).stderr).toMatch(/NgayLamViec/);
  });

  it('calendar import replaces a whole year', () => {
    const f = join(t.dir, 'cal.json');
    writeFileSync(f, JSON.stringify({ year: 2026, days: [{ date: '2026-11-24', type: 'holiday', name: 'Ngày nghỉ thử' }] }));
    expect(motcua(['calendar', 'import', f, ...dd], asAdmin).code).toBe(0);
    // 30/4 is no longer a holiday in the replaced 2026; 24/11 is.
    expect(motcua(['calendar', 'due', '--received', '2026-11-23T09:00:00+07:00', '--duration', '1', '--unit', 'NgayLamViec', ...dd]).stdout.trim()).toBe('2026-11-25T09:00:00+07:00');
    writeFileSync(f, JSON.stringify({ year: 2026, days: [{ date: '2027-01-01', type: 'holiday', name: 'x' }] }));
    const bad = motcua(['calendar', 'import', f, ...dd], asAdmin);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/không thuộc năm 2026/);
  });

  it('calendar hours sets working periods and the afternoon cut-off, and due dates follow them', () => {
    expect(motcua(['calendar', 'hours', '--set', '07:30-11:30,13:00-17:00', '--cutoff', '15:00', ...dd], asAdmin).code).toBe(0);
    expect(JSON.parse(motcua(['calendar', 'hours', '--json', ...dd], asAdmin).stdout)).toEqual({
      periods: [
        { from: '07:30', to: '11:30' },
        { from: '13:00', to: '17:00' },
      ],
      cutoff: '15:00',
    });
    expect(motcua(['calendar', 'due', '--received', '2026-11-23T15:30:00+07:00', '--duration', '1', '--unit', 'NgayLamViec', ...dd]).stdout.trim()).toBe('2026-11-25T17:00:00+07:00');
    expect(motcua(['calendar', 'hours', '--set', '11:00-07:00', ...dd], asAdmin).stderr).toMatch(/Giờ làm việc không hợp lệ/);
    expect(motcua(['calendar', 'hours', '--set', '07:00-11:30,13:30-17:00', '--cutoff', 'off', ...dd], asAdmin).code).toBe(0);
  });

  it('catalog import reports imported and rejected items', () => {
    const f = join(t.dir, 'cat.json');
    writeFileSync(
      f,
      JSON.stringify({
        items: [
          { MaTTHC: 'T.1', TenTTHC: 'Thủ tục thử', ThoiHanGiaiQuyet: { SoLuong: '2', DonViTinh: 'Gio' }, ThanhPhanHoSo: [], LePhi: [] },
          { MaTTHC: 'T.2' },
        ],
        cursor: null,
        hasMore: false,
      }),
    );
    const r = motcua(['catalog', 'import', f, '--json', ...dd], asAdmin);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.imported).toBe(1);
    expect(j.rejected[0].MaTTHC).toBe('T.2');
    writeFileSync(f, '{not json');
    expect(motcua(['catalog', 'import', f, ...dd], asAdmin).stderr).toMatch(/JSON/);
  });

  it('intake creates a dossier and prints its code; receipt pdf, dossier show and search find it', async () => {
    // Received, then voided "in the day of receipt": both on one day (about 15 CLI runs).
    await oneVietnamDayFor(60);
    writeFileSync(join(t.dir, 'scan.pdf'), '%PDF-1.4\n% scan\n');
    const draft = join(t.dir, 'd.json');
    writeFileSync(
      draft,
      JSON.stringify({
        MaTTHC: '1.001193',
        LoaiDoiTuong: '1',
        ChuHoSo: 'Phạm Thị Đào',
        SoGiayToChuHoSo: '079304001234',
        NgaySinhChuHoSo: '20040229',
        GioiTinhChuHoSo: 'Nữ',
        DiaChiChuHoSo: 'Thôn 3, xã Tân Phú',
        SoDienThoai: '0987654321',
        TaiLieuNop: [{ MaThanhPhanHoSo: 'TP1' }, 'TP2', 'TP3'],
        DanhSachLePhi: [{ MaPhiLePhi: 'LP1' }],
        attachments: ['scan.pdf'],
      }),
    );
    // Without sign-in the CLI receives nothing, as the app's channel would not.
    const anonymousIntake = motcua(['intake', '--json', draft, ...dd]);
    expect(anonymousIntake.code).toBe(1);
    expect(anonymousIntake.stderr).toMatch(/cần đăng nhập/);
    const r = motcua(['intake', '--json', draft, ...dd], asOfficer);
    expect(r.code, r.stderr).toBe(0);
    const code = r.stdout.trim();
    expect(code).toMatch(/^000\.00\.01\.H22-\d{6}-9001$/);
    const show = JSON.parse(motcua(['dossier', 'show', code, '--json', ...dd], asOfficer).stdout);
    expect(show).toMatchObject({ code, applicantName: 'Phạm Thị Đào', birthDate: '2004-02-29', officerId: 'cb01' });
    expect(show.attachments).toHaveLength(1);
    const hits = JSON.parse(motcua(['search', 'pham thi dao', '--json', ...dd], asOfficer).stdout);
    expect(hits.map((h: { code: string }) => h.code)).toEqual([code]);
    const out = join(t.dir, 'out.pdf');
    expect(motcua(['receipt', 'pdf', code, '--out', out, ...dd], asOfficer).code).toBe(0);
    expect(tool('qpdf', ['--check', out]).code).toBe(0);
    // The receipt names the officer who received the dossier: the one signed in, not a counter.
    expect(tool('pdftotext', ['-layout', out, '-']).stdout).toContain('Trần Thị Bình');
    expect(motcua(['dossier', 'show', 'NOPE-261123-0001', ...dd], asOfficer).code).toBe(1);

    // Voiding needs a signed-in officer, like the app's channel.
    const anonymous = motcua(['dossier', 'void', code, '--reason', 'Chọn nhầm thủ tục', ...dd]);
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toMatch(/MOTCUA_OFFICER/);
    expect(motcua(['officer', 'add', '--id', 'ad1', '--username', 'admin', '--name', 'Quản trị', '--role', 'admin', '--password-env', 'PW', ...dd], { ...asAdmin, PW: 'mat-khau-quan-tri' }).code).toBe(0);
    const voided = motcua(['dossier', 'void', code, '--reason', 'Chọn nhầm thủ tục', '--json', ...dd], { MOTCUA_OFFICER: 'admin', MOTCUA_PASSWORD: 'mat-khau-quan-tri' });
    expect(voided.code, voided.stderr).toBe(0);
    expect(JSON.parse(voided.stdout)).toMatchObject({ code });
    expect(JSON.parse(motcua(['dossier', 'show', code, '--json', ...dd], asOfficer).stdout)).toMatchObject({ code, voided: true });
  });

  it('intake refuses a backdated receipt without --allow-backdate, and accepts it with', () => {
    const draft = join(t.dir, 'old.json');
    writeFileSync(draft, JSON.stringify({ MaTTHC: 'T.1', ChuHoSo: 'Công ty A', LoaiDoiTuong: '2', NgayTiepNhan: '20250310090000' }));
    const refused = motcua(['intake', '--json', draft, ...dd], asOfficer);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--allow-backdate/);
    const ok = motcua(['intake', '--json', draft, '--allow-backdate', '--no-receipt', ...dd], asOfficer);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.trim()).toContain('-250310-');
  });
});
