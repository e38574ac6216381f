import { readFileSync } from 'node:fs';
import { checkCommuneImport, communeImportSchema, type CurrentUnits } from '../../common/domain/admin-units';
import type { Actor } from '../../common/domain/actor';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { AppFailure } from '../../common/ipc/result';
import { appendAudit } from '../store/audit';
import type { SqliteStore } from '../store/sqlite-store';
import { replaceCommunes } from './address-repo';
import { currentUnitsOf, provinceMap } from './current-units';

/**
 * The 2025 reorganisation beside a card's address: the shipped province map and, when the province
 * publishes one, its commune map. Addresses themselves are never rewritten.
 */
export class AddressService {
  constructor(private readonly d: { store: SqliteStore; now: () => Date }) {}

  currentUnits(address: string | null): Promise<CurrentUnits> {
    return this.d.store.exec('address.currentUnits', (db) => currentUnitsOf(db, address));
  }

  /** `motcua address import <file>`: the whole file is checked first; any problem and nothing changes. */
  async importCommunes(actor: Actor, path: string): Promise<{ rows: number; source: string }> {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new AppFailure('invalid_input', `Không đọc được tệp ${path}.`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      throw new AppFailure('invalid_input', `Tệp ${path} không phải JSON hợp lệ. Định dạng: {"nguon": "<văn bản>", "xa": [{"tinhCu", "huyenCu", "xaCu", "loaiXaMoi", "xaMoi", "tinhMoi"}]}.`);
    }
    const parsed = communeImportSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 10).map((i) => `${i.path.length ? `${issuePlace(i.path)}: ` : ''}${i.message}`);
      throw new AppFailure('invalid_input', `Tệp địa giới xã không hợp lệ, chưa nhập gì: ${problems.join('; ')}.`);
    }
    const { rows, problems } = checkCommuneImport(provinceMap(), parsed.data);
    if (problems.length) throw new AppFailure('invalid_input', `Tệp địa giới xã không hợp lệ, chưa nhập gì: ${problems.slice(0, 10).join(' ')}${problems.length > 10 ? ` (và ${problems.length - 10} lỗi khác)` : ''}`);
    const at = toVietnamRfc3339(this.d.now());
    await this.d.store.exec('address.import', (db) =>
      db.transaction(() => {
        replaceCommunes(db, rows, { source: parsed.data.nguon, at, officerId: actor.officerId });
        appendAudit(db, { actor: actor.officerId, action: 'address.importCommunes', subject: 'address_communes', details: { rows: rows.length } }, at);
      })(),
    );
    return { rows: rows.length, source: parsed.data.nguon };
  }
}

/** ["xa", 2, "xaMoi"] → "Dòng 3, xaMoi". */
function issuePlace(path: readonly PropertyKey[]): string {
  const [list, index, field] = path;
  if (list === 'xa' && typeof index === 'number') return `Dòng ${index + 1}${field ? `, ${String(field)}` : ''}`;
  return path.map(String).join('.');
}
