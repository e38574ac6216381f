import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  checkCommuneImport,
  communeImportSchema,
  currentUnitsHint,
  findProvince,
  provinceMapSchema,
  provinceOfAddress,
} from '../../../electron/common/domain/admin-units';

const root = join(__dirname, '..', '..', '..');
const map = provinceMapSchema.parse(JSON.parse(readFileSync(join(root, 'resources', 'admin-units', 'provinces-2025.json'), 'utf8')));

// The 63 provinces and cities before 01/07/2025, as the General Statistics Office listed them.
const OLD_63 = [
  'Hà Nội', 'Hà Giang', 'Cao Bằng', 'Bắc Kạn', 'Tuyên Quang', 'Lào Cai', 'Điện Biên', 'Lai Châu', 'Sơn La', 'Yên Bái', 'Hòa Bình',
  'Thái Nguyên', 'Lạng Sơn', 'Quảng Ninh', 'Bắc Giang', 'Phú Thọ', 'Vĩnh Phúc', 'Bắc Ninh', 'Hải Dương', 'Hải Phòng', 'Hưng Yên',
  'Thái Bình', 'Hà Nam', 'Nam Định', 'Ninh Bình', 'Thanh Hóa', 'Nghệ An', 'Hà Tĩnh', 'Quảng Bình', 'Quảng Trị', 'Thừa Thiên Huế',
  'Đà Nẵng', 'Quảng Nam', 'Quảng Ngãi', 'Bình Định', 'Phú Yên', 'Khánh Hòa', 'Ninh Thuận', 'Bình Thuận', 'Kon Tum', 'Gia Lai',
  'Đắk Lắk', 'Đắk Nông', 'Lâm Đồng', 'Bình Phước', 'Tây Ninh', 'Bình Dương', 'Đồng Nai', 'Bà Rịa - Vũng Tàu', 'Hồ Chí Minh',
  'Long An', 'Tiền Giang', 'Bến Tre', 'Trà Vinh', 'Vĩnh Long', 'Đồng Tháp', 'An Giang', 'Kiên Giang', 'Cần Thơ', 'Hậu Giang',
  'Sóc Trăng', 'Bạc Liêu', 'Cà Mau',
];

// Nghị quyết 202/2025/QH15, Điều 1: the 23 new units and what each was formed from.
const MERGED: Record<string, string[]> = {
  'Tuyên Quang': ['Hà Giang', 'Tuyên Quang'], 'Lào Cai': ['Yên Bái', 'Lào Cai'], 'Thái Nguyên': ['Bắc Kạn', 'Thái Nguyên'],
  'Phú Thọ': ['Vĩnh Phúc', 'Hòa Bình', 'Phú Thọ'], 'Bắc Ninh': ['Bắc Giang', 'Bắc Ninh'], 'Hưng Yên': ['Thái Bình', 'Hưng Yên'],
  'Hải Phòng': ['Hải Dương', 'Hải Phòng'], 'Ninh Bình': ['Hà Nam', 'Nam Định', 'Ninh Bình'], 'Quảng Trị': ['Quảng Bình', 'Quảng Trị'],
  'Đà Nẵng': ['Quảng Nam', 'Đà Nẵng'], 'Quảng Ngãi': ['Kon Tum', 'Quảng Ngãi'], 'Gia Lai': ['Bình Định', 'Gia Lai'],
  'Khánh Hòa': ['Ninh Thuận', 'Khánh Hòa'], 'Lâm Đồng': ['Đắk Nông', 'Bình Thuận', 'Lâm Đồng'], 'Đắk Lắk': ['Phú Yên', 'Đắk Lắk'],
  'Hồ Chí Minh': ['Bà Rịa - Vũng Tàu', 'Bình Dương', 'Hồ Chí Minh'], 'Đồng Nai': ['Bình Phước', 'Đồng Nai'], 'Tây Ninh': ['Long An', 'Tây Ninh'],
  'Cần Thơ': ['Sóc Trăng', 'Hậu Giang', 'Cần Thơ'], 'Vĩnh Long': ['Bến Tre', 'Trà Vinh', 'Vĩnh Long'], 'Đồng Tháp': ['Tiền Giang', 'Đồng Tháp'],
  'Cà Mau': ['Bạc Liêu', 'Cà Mau'], 'An Giang': ['Kiên Giang', 'An Giang'],
};
const UNCHANGED = ['Hà Nội', 'Cao Bằng', 'Điện Biên', 'Lai Châu', 'Sơn La', 'Lạng Sơn', 'Quảng Ninh', 'Thanh Hóa', 'Nghệ An', 'Hà Tĩnh'];

describe('province map 63 → 34 (Nghị quyết 202/2025/QH15)', () => {
  it('names its legal source and maps each of the 63 old provinces exactly once', () => {
    expect(map.nguon).toContain('Nghị quyết 202/2025/QH15');
    expect(map.hieuLucTu).toBe('2025-07-01');
    expect(OLD_63).toHaveLength(63);
    const mapped = OLD_63.map((n) => findProvince(map, n)?.cu);
    expect(mapped.every(Boolean)).toBe(true);
    expect(new Set(mapped).size).toBe(63);
  });

  it('has 34 distinct current provinces: the 23 merged units and 11 left as they were', () => {
    expect(new Set(map.tinh.map((e) => e.moi)).size).toBe(34);
    expect(Object.keys(MERGED)).toHaveLength(23);
    for (const [now, olds] of Object.entries(MERGED)) for (const o of olds) expect(findProvince(map, o)?.moi, o).toBe(now);
    for (const u of UNCHANGED) expect(findProvince(map, u)?.moi, u).toBe(u);
    expect(findProvince(map, 'Thừa Thiên Huế')?.moi).toBe('Huế');
    expect(Object.values(MERGED).flat().length + UNCHANGED.length + 1).toBe(63);
  });

  it('matches the last part of a card address, tolerant of accents, "Tỉnh"/"TP." and spelling variants', () => {
    const cases: Array<[string, string]> = [
      ['Thôn Nà Sài, Xã Phú Linh, Huyện Vị Xuyên, Tỉnh Hà Giang', 'Tuyên Quang'],
      ['Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh', 'Hồ Chí Minh'],
      ['Phuong 7, Thanh pho Vung Tau, tinh Ba Ria - Vung Tau', 'Hồ Chí Minh'],
      ['Phường Phú Cường, Thủ Dầu Một, Bình Dương, Việt Nam', 'Hồ Chí Minh'],
      ['Xã Ea Tiêu, Huyện Cư Kuin, Tỉnh Đăk Lăk', 'Đắk Lắk'],
      ['Phường 1, TP. Tuy Hòa, Tỉnh Phú Yên', 'Đắk Lắk'],
      ['Xã Hòa Phú, Huyện Hòa Vang, Thành phố Đà Nẵng', 'Đà Nẵng'],
      ['Phường Hòa Bình, Thành phố Hòa Bình, Tỉnh Hoà Bình', 'Phú Thọ'],
    ];
    for (const [address, now] of cases) expect(provinceOfAddress(map, address)?.moi, address).toBe(now);
    expect(provinceOfAddress(map, 'Số 5, Phố Huế')).toBeNull();
    expect(provinceOfAddress(map, 'Số 5 Lê Lợi, Quận Hải Châu, Tỉnh Đà Lạt')).toBeNull();
  });

  it('hints today\'s province only when the name changed, and never rewrites the address', () => {
    const hg = provinceOfAddress(map, 'Xã Phú Linh, Huyện Vị Xuyên, Tỉnh Hà Giang');
    expect(currentUnitsHint(map, hg, null, null)).toEqual({
      text: 'nay thuộc tỉnh Tuyên Quang',
      province: { old: 'Hà Giang', current: 'tỉnh Tuyên Quang' },
      source: map.nguon,
    });
    expect(currentUnitsHint(map, provinceOfAddress(map, 'Xã A, Huyện B, Tỉnh Bà Rịa - Vũng Tàu'), null, null).text).toBe('nay thuộc thành phố Hồ Chí Minh');
    expect(currentUnitsHint(map, provinceOfAddress(map, 'Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội'), null, null).text).toBeNull();
    expect(currentUnitsHint(map, provinceOfAddress(map, 'Xã A, Huyện B, Tỉnh Tuyên Quang'), null, null).text).toBeNull();
    expect(currentUnitsHint(map, null, null, null).text).toBeNull();
  });

  it('packaging ships resources/ (with admin-units) beside the app', () => {
    const cfg = YAML.parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { extraResources: Array<{ from: string; to: string; filter: string[] }> };
    expect(cfg.extraResources).toContainEqual({ from: 'resources', to: 'resources', filter: ['**/*'] });
  });
});

describe('commune map import (checked against the province map)', () => {
  const row = { tinhCu: 'Hà Giang', huyenCu: 'Huyện Vị Xuyên', xaCu: 'Xã Phú Linh', loaiXaMoi: 'xã', xaMoi: 'Phú Linh', tinhMoi: 'Tuyên Quang' };

  it('accepts a valid file and keys rows by the folded old units', () => {
    const r = checkCommuneImport(map, communeImportSchema.parse({ nguon: 'Nghị quyết 1684/NQ-UBTVQH15', xa: [row] }));
    expect(r.problems).toEqual([]);
    expect(r.rows[0]!.key).toBe('hagiang|vixuyen|phulinh');
  });

  it('refuses unknown provinces, a wrong target province and duplicates, naming the row in Vietnamese', () => {
    const r = checkCommuneImport(
      map,
      communeImportSchema.parse({
        nguon: 'x',
        xa: [row, { ...row, tinhCu: 'Tỉnh Đà Lạt' }, { ...row, xaCu: 'Xã Khác', tinhMoi: 'Lào Cai' }, { ...row, xaCu: 'xa phu linh', huyenCu: 'H. Vị Xuyên' }],
      }),
    );
    expect(r.problems).toEqual([
      'Dòng 2: "Tỉnh Đà Lạt" không phải một trong 63 tỉnh, thành phố trước ngày 01/7/2025.',
      `Dòng 3: tỉnh Hà Giang nay thuộc tỉnh Tuyên Quang, không phải "Lào Cai" (${map.nguon}).`,
      'Dòng 4: xã "xa phu linh", "H. Vị Xuyên" đã có ở dòng 1.',
    ]);
    const bad = communeImportSchema.safeParse({ nguon: '', xa: [{ ...row, loaiXaMoi: 'thôn' }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual(['thiếu nguồn (văn bản pháp lý, "nguon")', 'loại xã mới (loaiXaMoi) phải là "xã", "phường" hoặc "đặc khu"']);
  });
});
