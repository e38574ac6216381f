import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbFileState } from '../../electron/node/db/cipher';
import { openDatabase } from '../../electron/node/db/open';
import { isSealed } from '../../electron/node/files/sealed-file';
import { addOfficer } from '../../electron/node/officers/officer-repo';
import { migrate } from '../../electron/node/db/migration';
import { migrations } from '../../electron/node/db/migrations/index.generated';
import { saveUnitIdentity } from '../../electron/node/unit/unit-repo';
import { ADMIN_ENV, motcua } from '../helpers/cli';
import { openDataDb } from '../helpers/data-db';
import { tempDir } from '../helpers/tmp';

const PRELOAD = join(__dirname, 'fixtures', 'kill-at-fs-call-preload.mjs');
const NAME = 'Lê Thị Niêm Phong';
const MARKER = 'BAN-QUET-CU-CHUA-MA-HOA-51c2';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A data directory as a version before encryption left it: a clear database (schema 7, unkeyed audit rows) and clear stored scans. */
async function legacyDataDir(dir: string): Promise<string[]> {
  const { db } = openDatabase(join(dir, 'motcua.sqlite3'), { migrate: false, key: null });
  migrate(db, migrations, 7);
  saveUnitIdentity(db, { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } }, '2026-11-01T08:00:00+07:00');
  await (await addOfficer(db, { officerId: 'qt01', username: ADMIN_ENV.MOTCUA_OFFICER, fullName: NAME, roles: ['admin', 'officer'], password: ADMIN_ENV.MOTCUA_PASSWORD }, 'old', '2026-11-01T08:00:00+07:00'));
  db.close();
  const hashes: string[] = [];
  for (let i = 0; i < 3; i++) {
    const content = Buffer.from(`%PDF-1.4\n% ${MARKER} ${i} ${'x'.repeat(70_000 * i)}\n%%EOF\n`, 'latin1');
    const h = sha(content);
    mkdirSync(join(dir, 'files', 'sha256', h.slice(0, 2)), { recursive: true });
    writeFileSync(join(dir, 'files', 'sha256', h.slice(0, 2), h), content);
    hashes.push(h);
  }
  return hashes;
}

/** Either the old store or the new one, whole: the officer and the unit are there, in clear or sealed. */
async function storeIsWhole(dir: string): Promise<'clear' | 'encrypted'> {
  const state = dbFileState(join(dir, 'motcua.sqlite3'));
  expect(['clear', 'encrypted']).toContain(state);
  const db = state === 'clear' ? openDatabase(join(dir, 'motcua.sqlite3'), { readonly: true, key: null }).db : await openDataDb(dir, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare('SELECT full_name AS n FROM officers').get() as { n: string }).n).toBe(NAME);
    expect((db.prepare('SELECT COUNT(*) AS n FROM units').get() as { n: number }).n).toBe(1);
  } finally {
    db.close();
  }
  return state as 'clear' | 'encrypted';
}

function storedFiles(dir: string, hashes: string[]): Array<'clear' | 'sealed'> {
  return hashes.map((h) => {
    const p = join(dir, 'files', 'sha256', h.slice(0, 2), h);
    expect(existsSync(p), `${h} is never lost`).toBe(true);
    const bytes = readFileSync(p);
    if (isSealed(bytes)) return 'sealed';
    expect(sha(bytes), 'a clear file is the whole old file').toBe(h);
    return 'clear';
  });
}

function everyFile(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? everyFile(join(root, e.name)) : [join(root, e.name)]));
}

describe('sealing a clear store from an older version', () => {
  const t = tempDir('motcua-seal-migration-');
  const template = join(t.dir, 'template');
  let hashes: string[];
  let steps = 0;
  beforeAll(async () => {
    mkdirSync(template);
    hashes = await legacyDataDir(template);
    // One clean run, counted: the kill points are spread over its steps.
    const counted = join(t.dir, 'counted');
    cpSync(template, counted, { recursive: true });
    const countFile = join(t.dir, 'count');
    const r = motcua(['unit', 'show', '--data-dir', counted], { ...ADMIN_ENV, NODE_OPTIONS: `--import ${PRELOAD}`, MOTCUA_TEST_COUNT_TO: countFile });
    expect(r.code, r.stderr).toBe(0);
    steps = Number(readFileSync(countFile, 'utf8'));
  });
  afterAll(() => t.cleanup());

  it('SIGKILL at 20 points leaves the old store or the new one, never a mix or a loss; the next start finishes and wipes the clear bytes', async () => {
    expect(steps).toBeGreaterThan(10);
    // 20 distinct points over the whole run, the first and the last steps included.
    const points = Array.from({ length: 20 }, (_, i) => 1 + Math.round((i * (steps - 1)) / 19));
    const seen = new Set<string>();
    for (const [i, at] of points.entries()) {
      const dir = join(t.dir, `kill-${i}`);
      cpSync(template, dir, { recursive: true });
      const killed = motcua(['unit', 'show', '--data-dir', dir], { ...ADMIN_ENV, NODE_OPTIONS: `--import ${PRELOAD}`, MOTCUA_TEST_KILL_AT: String(at) });
      expect(killed.code, `killed at step ${at}`).toBeNull();
      const state = await storeIsWhole(dir);
      const files = storedFiles(dir, hashes);
      seen.add(`${state}/${files.join(',')}`);
      // The next start completes the job.
      const again = motcua(['unit', 'show', '--data-dir', dir], ADMIN_ENV);
      expect(again.code, `after a kill at step ${at}: ${again.stderr}`).toBe(0);
      expect(await storeIsWhole(dir)).toBe('encrypted');
      expect(storedFiles(dir, hashes)).toEqual(['sealed', 'sealed', 'sealed']);
      const leftovers = everyFile(dir).filter((f) => /\.(clear|sealing|seal-lock)$|\.tmp$/.test(f));
      expect(leftovers, `after a kill at step ${at}`).toEqual([]);
      for (const f of everyFile(dir)) {
        const bytes = readFileSync(f);
        expect(bytes.includes(Buffer.from(MARKER)), f).toBe(false);
        expect(bytes.includes(Buffer.from(NAME)), f).toBe(false);
      }
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
    // The points really fell at different moments: before the store was sealed and after it.
    expect([...seen].some((s) => s.startsWith('clear/'))).toBe(true);
    expect([...seen].some((s) => s.startsWith('encrypted/'))).toBe(true);
  });
});
