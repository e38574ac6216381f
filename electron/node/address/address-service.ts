import { readFileSync } from 'node:fs';
import { checkCommuneImport, communeImportSchema, type CurrentUnits } from '../../common/domain/admin-units';
import type { Actor } from '../../common/domain/actor';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { issueDetail, keyedReason } from '../../common/domain/zod-locale';
import { findingsWording, type FindingPlace } from '../../common/ipc/import-findings';
import { failure } from '../../common/ipc/result';
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
      throw failure('invalid_input', 'input.unreadable', { path });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      throw failure('invalid_input', 'address.notJson', { path });
    }
    const parsed = communeImportSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 10).map((i) => ({ place: issuePlace(i.path), reason: keyedReason(issueDetail(i)) }));
      throw failure('invalid_input', 'address.invalid', { problems: findingsWording(problems, '; ') });
    }
    const { rows, findings } = checkCommuneImport(provinceMap(), parsed.data);
    if (findings.length) {
      const more = findings.length > 10 ? { key: 'address.moreProblems', params: { count: findings.length - 10 } } as const : '';
      throw failure('invalid_input', 'address.invalidRows', { problems: findingsWording(findings.slice(0, 10), ' '), more });
    }
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

/** ["xa", 2, "xaMoi"] → row 3, field xaMoi ("Dòng 3, xaMoi"); any other path as it is. */
function issuePlace(path: readonly PropertyKey[]): FindingPlace {
  const [list, index, field] = path;
  if (list === 'xa' && typeof index === 'number') return field ? { row: index + 1, field: String(field) } : { row: index + 1 };
  return { path: path.map(String).join('.') };
}
