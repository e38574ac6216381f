import { z } from 'zod';
import { keyedIssue, vi } from './zod-locale';
import { formatError, type ErrorKey, type ErrorParams, type KeyedText } from '../ipc/error-messages';
import { findingsWording, type Finding } from '../ipc/import-findings';
import { foldVietnamese } from './text';

/**
 * The 2025 reorganisation (two-level local government from 01/07/2025, Nghị quyết 202/2025/QH15:
 * 63 provinces → 34). Cards issued before it name the old province, district and commune; the
 * address is kept as read and today's unit is only named beside it ("nay thuộc tỉnh …").
 */
const kind = z.enum(['tỉnh', 'thành phố']);
export const provinceMapSchema = z.object({
  nguon: z.string().min(1),
  hieuLucTu: z.string(),
  tinh: z
    .array(z.object({ cu: z.string().min(1), loaiCu: kind, moi: z.string().min(1), loaiMoi: kind, tenKhac: z.array(z.string()).optional() }))
    .length(63),
});
export type ProvinceMap = z.output<typeof provinceMapSchema>;
export type ProvinceEntry = ProvinceMap['tinh'][number];

/** Folded, with the level word and punctuation gone: "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh" → "hochiminh". */
export function provinceKey(s: string): string {
  return foldVietnamese(s)
    .replace(/^(tinh|thanh pho|tp)(?=[\s.]|$)\.?\s*/, '')
    .replace(/[^a-z0-9]/g, '');
}

const DISTRICT_WORDS = /^(huyen|quan|thi xa|thanh pho|tp|tx|q|h)(?=[\s.]|$)\.?\s*/;
const COMMUNE_WORDS = /^(xa|phuong|thi tran|tt|p|x)(?=[\s.]|$)\.?\s*/;
const unitKey = (s: string, words: RegExp) => foldVietnamese(s).replace(words, '').replace(/[^a-z0-9]/g, '');

/** The key the commune map stores: old province (canonical), district and commune, folded. */
export function communeKey(province: ProvinceEntry, district: string, commune: string): string {
  return `${provinceKey(province.cu)}|${unitKey(district, DISTRICT_WORDS)}|${unitKey(commune, COMMUNE_WORDS)}`;
}

/** The comma-separated parts of an address, a trailing "Việt Nam" dropped. */
function addressParts(address: string): string[] {
  const parts = address.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length && provinceKey(parts[parts.length - 1]!) === 'vietnam') parts.pop();
  return parts;
}

export function findProvince(map: ProvinceMap, name: string): ProvinceEntry | null {
  const k = provinceKey(name);
  if (!k) return null;
  return map.tinh.find((e) => provinceKey(e.cu) === k || (e.tenKhac ?? []).some((a) => provinceKey(a) === k)) ?? null;
}

/** The old province an address names in its last part, or null when it names none of the 63. */
export function provinceOfAddress(map: ProvinceMap, address: string): ProvinceEntry | null {
  const last = addressParts(address).at(-1);
  return last ? findProvince(map, last) : null;
}

/** The old (district, commune) an address names before its province, when it has both. */
export function communePartsOf(address: string): { district: string; commune: string } | null {
  const parts = addressParts(address);
  return parts.length >= 3 ? { district: parts[parts.length - 2]!, commune: parts[parts.length - 3]! } : null;
}

export const currentProvinceName = (e: Pick<ProvinceEntry, 'moi' | 'loaiMoi'>) => `${e.loaiMoi} ${e.moi}`;

export interface CurrentCommune {
  readonly loaiXaMoi: string;
  readonly xaMoi: string;
  readonly tinhMoi: string;
}

export interface CurrentUnits {
  /** "nay thuộc …", or null when the address names no old unit that changed. */
  readonly text: string | null;
  readonly province: { readonly old: string; readonly current: string } | null;
  readonly source: string | null;
}

/**
 * What to print beside an address: the commune (with its province) when the province's commune
 * map names it, else the province when its name changed. A province whose name stayed (Hà Nội,
 * or Tuyên Quang that absorbed Hà Giang) needs no hint at province level.
 */
export function currentUnitsHint(map: ProvinceMap, province: ProvinceEntry | null, commune: CurrentCommune | null, communeSource: string | null): CurrentUnits {
  if (!province) return { text: null, province: null, source: null };
  const current = currentProvinceName(province);
  const prov = { old: province.cu, current };
  if (commune) {
    const p = findProvince(map, commune.tinhMoi);
    const tinh = p ? currentProvinceName(p) : commune.tinhMoi;
    return { text: `nay thuộc ${commune.loaiXaMoi} ${commune.xaMoi}, ${tinh}`, province: prov, source: communeSource };
  }
  const changed = provinceKey(province.cu) !== provinceKey(province.moi);
  return { text: changed ? `nay thuộc ${current}` : null, province: prov, source: map.nguon };
}

/**
 * A name in the map, trimmed. Its refusals are custom issues carrying their key and the field's,
 * so an English line names the field in English instead of quoting the Vietnamese message.
 */
const name = (field: ErrorKey, max = 200) =>
  z.unknown().transform((v, ctx) => {
    const s = typeof v === 'string' ? v.trim() : '';
    if (s && s.length <= max) return s;
    ctx.addIssue({ code: 'custom', ...(s ? keyedIssue('address.fieldTooLong', { field: { key: field }, max }) : keyedIssue('address.fieldMissing', { field: { key: field } })) });
    return z.NEVER;
  });

/**
 * The commune-level map a province publishes: `{"nguon": "<văn bản>", "xa": [{"tinhCu", "huyenCu",
 * "xaCu", "loaiXaMoi", "xaMoi", "tinhMoi"}]}` (README: "Địa giới hành chính 2025").
 */
export const communeImportSchema = z.object({
  nguon: name('address.field.nguon', 500),
  xa: z
    .array(
      z.object({
        tinhCu: name('address.field.tinhCu'),
        huyenCu: name('address.field.huyenCu'),
        xaCu: name('address.field.xaCu'),
        loaiXaMoi: z.enum(['xã', 'phường', 'đặc khu'], { error: vi('address.communeTypeBad') }),
        xaMoi: name('address.field.xaMoi'),
        tinhMoi: name('address.field.tinhMoi'),
      }),
      { error: vi('address.listMissing') },
    )
    .min(1, vi('address.listEmpty'))
    .max(20000, vi('address.listTooLong')),
});
export type CommuneImport = z.output<typeof communeImportSchema>;

export interface CommuneRow {
  readonly key: string;
  readonly tinhCu: string;
  readonly huyenCu: string;
  readonly xaCu: string;
  readonly loaiXaMoi: string;
  readonly xaMoi: string;
  readonly tinhMoi: string;
}

/**
 * Checks a parsed import against the province map: every old province one of the 63, every new
 * one of the 34 and the one the old province went to, no old commune listed twice. Returns the
 * rows to store, or the Vietnamese problems (row numbers from 1).
 */
export function checkCommuneImport(map: ProvinceMap, data: CommuneImport): { rows: CommuneRow[]; problems: string[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const rows: CommuneRow[] = [];
  const seen = new Map<string, number>();
  data.xa.forEach((r, i) => {
    const found = (key: ErrorKey, params: ErrorParams) => void findings.push({ place: { row: i + 1 }, reason: { key, params } });
    const oldP = findProvince(map, r.tinhCu);
    const newP = findProvince(map, r.tinhMoi) ?? map.tinh.find((e) => provinceKey(e.moi) === provinceKey(r.tinhMoi)) ?? null;
    if (!oldP) return found('address.notOldProvince', { name: r.tinhCu });
    if (!newP || provinceKey(newP.moi) !== provinceKey(r.tinhMoi)) return found('address.notNewProvince', { name: r.tinhMoi });
    if (provinceKey(oldP.moi) !== provinceKey(newP.moi)) {
      return found('address.provinceMoved', { oldType: oldP.loaiCu, oldName: oldP.cu, current: currentProvinceName(oldP), given: r.tinhMoi, source: map.nguon });
    }
    const key = communeKey(oldP, r.huyenCu, r.xaCu);
    const before = seen.get(key);
    if (before !== undefined) return found('address.communeTwice', { commune: r.xaCu, district: r.huyenCu, before: before + 1 });
    seen.set(key, i);
    rows.push({ key, tinhCu: oldP.cu, huyenCu: r.huyenCu, xaCu: r.xaCu, loaiXaMoi: r.loaiXaMoi, xaMoi: r.xaMoi, tinhMoi: oldP.moi });
  });
  // Each finding alone, in Vietnamese, as the problems were always listed.
  const problems = findings.map((f) => {
    const w = findingsWording([f], '') as KeyedText;
    return formatError(w.key, w.params, 'vi');
  });
  return { rows, problems, findings };
}
