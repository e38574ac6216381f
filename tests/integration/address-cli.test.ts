import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAdmin, motcua } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { tool } from '../helpers/tools';

/** Issue #14 through the CLI: channel 3 and postal return on intake, the 2025 units beside a card's address. */
describe('motcua: postal channel, address import and today\'s units', () => {
  const t = tempDir('motcua-addr-');
  const dd = ['--data-dir', t.dir];
  let asAdmin: Record<string, string> = {};
  const asOfficer = { MOTCUA_OFFICER: 'canbo01', MOTCUA_PASSWORD: 'mat-khau-can-bo' };
  const OLD_CARD = '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Thôn Nà Sài, Xã Phú Linh, Huyện Vị Xuyên, Tỉnh Hà Giang|15042021';
  beforeAll(() => {
    asAdmin = cliAdmin(t.dir);
    expect(motcua(['unit', 'set', '--code', '000.00.01.H22', '--name', 'UBND xã Tân Phú', '--counter', 'Q01', '--offline-block', '9001-9200', ...dd], asAdmin).code).toBe(0);
    const added = motcua(['officer', 'add', '--id', 'cb01', '--username', 'canbo01', '--name', 'Trần Thị Bình', '--role', 'officer', '--password-env', 'PW', ...dd], { ...asAdmin, PW: asOfficer.MOTCUA_PASSWORD });
    expect(added.code, added.stderr).toBe(0);
  });
  afterAll(() => t.cleanup());

  it('receives a dossier by post (channel 3) with a postal return; Mẫu 01 shows the postal address and "nay thuộc tỉnh …"', () => {
    const draft = join(t.dir, 'post.json');
    writeFileSync(draft, JSON.stringify({ MaTTHC: '1.001193', cccd: OLD_CARD, KenhThucHien: '3', HinhThuc: '1', TaiLieuNop: ['TP1', 'TP2', 'TP3'] }));
    const r = motcua(['intake', '--json', draft, ...dd], asOfficer);
    expect(r.code, r.stderr).toBe(0);
    const code = r.stdout.trim();
    const out = join(t.dir, 'post.pdf');
    expect(motcua(['receipt', 'pdf', code, '--out', out, ...dd], asOfficer).code).toBe(0);
    const text = tool('pdftotext', ['-raw', out, '-']).stdout.replace(/\s+/g, ' ');
    // The card's address as read, today's province beside it.
    expect(text).toContain('Địa chỉ: Thôn Nà Sài, Xã Phú Linh, Huyện Vị Xuyên, Tỉnh Hà Giang (nay thuộc tỉnh Tuyên Quang)');
    expect(text).toContain('Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích, địa chỉ: Thôn Nà Sài, Xã Phú Linh, Huyện Vị Xuyên, Tỉnh Hà Giang');
    const bad = join(t.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ MaTTHC: '1.001193', cccd: OLD_CARD, KenhThucHien: '2', TaiLieuNop: ['TP1', 'TP2', 'TP3'] }));
    const refused = motcua(['intake', '--json', bad, ...dd], asOfficer);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/"3" \(qua bưu chính công ích\)/);
  });

  it('address import refuses bad files in Vietnamese and changes nothing; a good file names the commune', () => {
    const file = (name: string, body: string) => {
      const p = join(t.dir, name);
      writeFileSync(p, body);
      return p;
    };
    const row = { tinhCu: 'Hà Giang', huyenCu: 'Huyện Vị Xuyên', xaCu: 'Xã Phú Linh', loaiXaMoi: 'xã', xaMoi: 'Phú Linh', tinhMoi: 'Tuyên Quang' };
    const check = () => JSON.parse(motcua(['address', 'check', 'Thôn Nà Sài, Xã Phú Linh, Huyện Vị Xuyên, Tỉnh Hà Giang', '--json', ...dd], asOfficer).stdout) as { text: string };
    expect(check().text).toBe('nay thuộc tỉnh Tuyên Quang');

    const notJson = motcua(['address', 'import', file('a.json', '{"nguon": '), ...dd], asAdmin);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/không phải JSON hợp lệ/);
    const noSource = motcua(['address', 'import', file('b.json', JSON.stringify({ xa: [row] })), ...dd], asAdmin);
    expect(noSource.stderr).toMatch(/chưa nhập gì: nguon: thiếu nguồn/);
    const wrong = motcua(['address', 'import', file('c.json', JSON.stringify({ nguon: 'NQ', xa: [row, { ...row, xaCu: 'Xã Khác', tinhMoi: 'Lào Cai' }] })), ...dd], asAdmin);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Dòng 2: tỉnh Hà Giang nay thuộc tỉnh Tuyên Quang, không phải "Lào Cai"/);
    expect(motcua(['address', 'import', file('d.json', JSON.stringify({ nguon: 'NQ', xa: [row] })), ...dd], asOfficer).stderr).toMatch(/quyền|quản trị/i);
    expect(check().text).toBe('nay thuộc tỉnh Tuyên Quang');

    const ok = motcua(['address', 'import', file('e.json', JSON.stringify({ nguon: 'Nghị quyết của UBTVQH về sắp xếp xã tỉnh Tuyên Quang', xa: [row] })), ...dd], asAdmin);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Đã nhập 1 xã');
    expect(check().text).toBe('nay thuộc xã Phú Linh, tỉnh Tuyên Quang');
    // Spelling of the card is folded: no accents, abbreviations.
    const folded = JSON.parse(motcua(['address', 'check', 'xa phu linh, H. Vi Xuyen, Ha Giang', '--json', ...dd], asOfficer).stdout) as { text: string };
    expect(folded.text).toBe('nay thuộc xã Phú Linh, tỉnh Tuyên Quang');
  });
});
