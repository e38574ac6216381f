import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.generated.ts') ? [p] : [];
  });
}

const product = [...files(join(ROOT, 'electron')), ...files(join(ROOT, 'native'))].map((p) => ({ path: relative(ROOT, p).replaceAll('\\', '/'), text: readFileSync(p, 'utf8') }));
const SQL_CALL = /\.prepare\(|\.pragma\(|\bdb\.exec\(/;
const mayHoldSql = (path: string) => path.endsWith('-repo.ts') || path.startsWith('electron/node/store/') || path.startsWith('electron/node/db/');

/** Files whose SQL names `table` in a statement of the given kinds. */
function touching(table: string, kinds: RegExp): string[] {
  // SQL keywords are upper case in this code base; prose in comments ("from settings") is not SQL.
  const re = new RegExp(`${kinds.source}\\s+${table}\\b`);
  return product.filter((f) => re.test(f.text)).map((f) => f.path);
}

describe('one owner per table: SQL only in repositories and the store', () => {
  it('no SQL outside *-repo.ts, electron/node/store and electron/node/db', () => {
    const offenders = product.filter((f) => !mayHoldSql(f.path) && SQL_CALL.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('the outbox has one writer', () => {
    expect(touching('outbox', /(INSERT INTO|UPDATE|DELETE FROM)/)).toEqual(['electron/node/sync/outbox-repo.ts']);
  });

  it('settings have one reader and writer', () => {
    expect(touching('settings', /(FROM|INSERT INTO|UPDATE|DELETE FROM)/)).toEqual(['electron/node/settings/settings-repo.ts']);
  });

  it('units and counters have one owner', () => {
    expect(touching('(units|counters)', /(INSERT INTO|UPDATE|DELETE FROM)/)).toEqual(['electron/node/unit/unit-repo.ts']);
  });

  it('the rule bites', () => {
    expect(SQL_CALL.test("const x = db.prepare('SELECT 1')")).toBe(true);
    expect(mayHoldSql('electron/node/intake/intake-service.ts')).toBe(false);
    expect(mayHoldSql('electron/node/intake/dossier-repo.ts')).toBe(true);
  });
});
