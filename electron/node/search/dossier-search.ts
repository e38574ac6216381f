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

/**
 * An FTS5 query from what an officer types: folded, split into words (a code splits on its
 * dots and dashes too), every word a prefix, all required. Digit groups split by spaces
 * (a phone number read out as "0987 654 321") are joined.
 */
export function toFtsQuery(text: string): string | null {
  const words = foldVietnamese(text)
    .replace(/(\d) +(?=\d)/g, '$1')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 8);
  if (!words.length) return null;
  return words.map((w) => `"${w}"*`).join(' AND ');
}

export interface SearchHit {
  readonly id: number;
  readonly rank: number;
}

/**
 * Ranked search: bm25 with the code and ID number weighted above the name. When a query
 * matches very many dossiers (one common word), ranking all of them would blow the latency
 * budget, so ranking runs over the newest `rankWindow` matches: the dossiers a counter asks about.
 */
export function searchDossiers(db: Database.Database, text: string, limit = 20, rankWindow = 2000): SearchHit[] {
  const q = toFtsQuery(text);
  if (!q) return [];
  return db
    .prepare(
      `SELECT id, rank FROM (
         SELECT rowid AS id, bm25(dossier_search, 10.0, 1.0, 10.0, 5.0) AS rank
         FROM dossier_search WHERE dossier_search MATCH ? ORDER BY rowid DESC LIMIT ?
       ) ORDER BY rank, id DESC LIMIT ?`,
    )
    .all(q, rankWindow, limit) as SearchHit[];
}
