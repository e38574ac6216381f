import type Database from 'better-sqlite3';
import { foldVietnamese } from '../../common/domain/text';

export interface SearchDoc {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly idNumber: string | null;
  readonly phone: string | null;
}

/** Writes one dossier's search row; runs inside the dossier's own transaction. */
export function indexDossier(db: Database.Database, d: SearchDoc): void {
  db.prepare('INSERT INTO dossier_search (rowid, code, name, id_number, phone) VALUES (?, ?, ?, ?, ?)').run(
    d.id,
    foldVietnamese(d.code),
    foldVietnamese(d.name),
    d.idNumber ?? '',
    d.phone ?? '',
  );
}

export function unindexDossier(db: Database.Database, id: number): void {
  db.prepare('DELETE FROM dossier_search WHERE rowid = ?').run(id);
}

/** The folded words of what an officer types; digit groups split by spaces ("0987 654 321") are joined. */
export function queryWords(text: string): string[] {
  return foldVietnamese(text)
    .replace(/(\d) +(?=\d)/g, '$1')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 8);
}

/** Every word required, in any column, the last one as a prefix (it may still be being typed). */
export function toFtsQuery(text: string): string | null {
  const words = queryWords(text);
  if (!words.length) return null;
  return words.map((w, i) => (i === words.length - 1 ? `"${w}"*` : `"${w}"`)).join(' AND ');
}

export interface SearchHit {
  readonly id: number;
  /** 0 = code / ID number / phone, 1 = exact name, 2 = name beginning, 3 = all words anywhere. */
  readonly tier: number;
}

/**
 * Ranked search, best first: identifiers (code, ID number, phone), then the exact name, then
 * names that begin with the query, then every word anywhere (newest first). Each tier is an
 * indexed lookup cut at `limit`: exact and beginning-of-name come from a B-tree on the folded
 * name, identifiers and any-word matches from FTS5 read in rowid order. bm25 or positional
 * phrase queries would have to visit every one of the hundreds of thousands of dossiers that
 * share a name like "Nguyễn", and miss the 5 ms budget at a million dossiers.
 */
export function searchDossiers(db: Database.Database, text: string, limit = 20): SearchHit[] {
  const words = queryWords(text);
  if (!words.length) return [];
  const phrase = words.join(' ');
  const all = words.map((w, i) => (i === words.length - 1 ? `"${w}"*` : `"${w}"`)).join(' AND ');
  const fts = db.prepare('SELECT rowid AS id FROM dossier_search WHERE dossier_search MATCH ? ORDER BY rowid DESC LIMIT ?');
  const hits: SearchHit[] = [];
  const seen = new Set<number>();
  const take = (rows: Array<{ id: number }>, tier: number) => {
    for (const r of rows) {
      if (hits.length >= limit) return;
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      hits.push({ id: r.id, tier });
    }
  };
  // Identifiers always hold a digit and names never do; column filters are costly in FTS5,
  // so this tier only runs for queries that could be one.
  const hasDigit = /\d/.test(phrase);
  if (hasDigit) take(fts.all(`{code id_number phone} : (${all})`, limit) as Array<{ id: number }>, 0);
  if (!hasDigit && hits.length < limit) {
    take(db.prepare('SELECT id FROM dossiers WHERE name_folded = ? ORDER BY id DESC LIMIT ?').all(phrase, limit) as Array<{ id: number }>, 1);
    if (hits.length < limit) {
      take(
        db.prepare('SELECT id FROM dossiers WHERE name_folded > ? AND name_folded < ? ORDER BY name_folded, id DESC LIMIT ?').all(`${phrase} `, `${phrase}~`, limit + hits.length) as Array<{
          id: number;
        }>,
        2,
      );
    }
  }
  if (hits.length < limit) take(fts.all(all, limit * 2) as Array<{ id: number }>, 3);
  return hits;
}
