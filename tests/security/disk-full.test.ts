import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/common/ipc/result';
import { SqliteStore } from '../../electron/node/store/sqlite-store';
import { motcua } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { canMount, counterReady, dossierCodes, DRAFT, fillLeaving, mountTmpfs, readRows, tempFilesUnder, unmount } from './faults';

const MOUNT = canMount();
const SAVED = /đã lưu hồ sơ (\S+), chưa tạo giấy tiếp nhận/i;
const PRELOAD = pathToFileURL(join(__dirname, 'fixtures', 'enospc-preload.mjs')).href;
/** An injected ENOSPC on every write whose path matches `pattern` (see fixtures/enospc-preload.mjs). */
const injectEnospc = (pattern: string) => ({ NODE_OPTIONS: `--import ${PRELOAD}`, MOTCUA_TEST_ENOSPC: pattern });

/** Every receipt file on disk is the recorded receipt of a dossier: no unrecorded copy of citizens' data. */
async function expectOnlyRecordedReceipts(dataDir: string): Promise<void> {
  const dir = join(dataDir, 'files', 'receipts');
  const onDisk = (() => {
    try {
      return readdirSync(dir).map((n) => join(dir, n));
    } catch {
      return [];
    }
  })();
  const recorded = new Set((await readRows<{ p: string }>(dataDir, 'SELECT receipt_path AS p FROM dossiers WHERE receipt_path IS NOT NULL')).map((r) => r.p));
  expect(onDisk.filter((p) => !recorded.has(p))).toEqual([]);
}

describe('disk full during motcua intake, on a real 8 MB tmpfs', () => {
  let root = '';
  const drafts = tempDir('motcua-draft-');
  beforeAll(() => {
    if (!MOUNT) return;
    root = mkdtempSync(join(tmpdir(), 'motcua-full-'));
    mountTmpfs(root, 8 * 1024 * 1024);
  });
  afterAll(() => {
    if (!MOUNT) return;
    unmount(root);
    rmSync(root, { recursive: true, force: true });
  });

  it.skipIf(!MOUNT)(
    'at every amount of free space a failure either committed nothing or names the dossier it did commit; no temp file stays',
    async () => {
      const data = join(root, 'data');
      mkdirSync(data);
      const env = counterReady(data);
      const dbPath = join(data, 'motcua.sqlite3');
      // Off the small disk, so it takes none of the free space measured below.
      const draft = join(drafts.dir, 'd.json');
      writeFileSync(draft, JSON.stringify(DRAFT));
      const first = motcua(['intake', '--json', draft, '--data-dir', data], env);
      expect(first.code, first.stderr).toBe(0);

      // doctor on the full disk reports every check (read-only) instead of dying on the database.
      const full = fillLeaving(root, 0);
      const doctor = motcua(['doctor', '--data-dir', data]);
      rmSync(full);
      expect(doctor.stdout).toMatch(/\] Cơ sở dữ liệu: /);
      expect(doctor.stdout).toMatch(/\[FAIL\s*\] Dung lượng đĩa: còn trống 0\.0 GiB/);
      expect(doctor.stderr).not.toMatch(/Lỗi nội bộ/);

      const seen = { nothing: 0, saved: 0, done: false };
      // 32 KB steps from a full disk up: each step fails at a later point (sign-in, the dossier's
      // transaction, the receipt's PDF, the receipt's record) until one succeeds. The receipt alone
      // is ~50 KB, so at least one step lands between the commit and the receipt.
      for (let free = 0; free <= 1024 * 1024 && !seen.done; free += 32 * 1024) {
        const before = await dossierCodes(dbPath);
        const filler = fillLeaving(root, free);
        const r = motcua(['intake', '--json', draft, '--data-dir', data], env);
        rmSync(filler);
        const after = await dossierCodes(dbPath);
        const where = `free ${free / 1024} KB: ${r.stderr}`;
        expect(tempFilesUnder(data), where).toEqual([]);
        expect(r.stderr, where).not.toMatch(/Lỗi nội bộ/);
        if (r.code === 0) {
          expect(after, where).toEqual([...before, r.stdout.trim()]);
          seen.done = true;
          continue;
        }
        expect(r.code, where).toBe(1);
        expect(r.stderr.trim().split('\n'), where).toHaveLength(1);
        expect(r.stderr, where).toMatch(/đầy.*giải phóng/);
        const saved = SAVED.exec(r.stderr);
        if (saved) {
          seen.saved++;
          expect(after, where).toEqual([...before, saved[1]]);
          expect(r.stdout.trim(), where).toBe(saved[1]);
          // With space back, the receipt is made for that dossier: no second intake, no second dossier.
          const receipt = motcua(['receipt', 'pdf', saved[1]!, '--out', join(data, '..', `r-${free}.pdf`), '--data-dir', data], env);
          expect(receipt.code, receipt.stderr).toBe(0);
          expect(await dossierCodes(dbPath)).toEqual(after);
        } else {
          seen.nothing++;
          expect(after, where).toEqual(before);
        }
        await expectOnlyRecordedReceipts(data);
      }
      expect(seen.done).toBe(true);
      // Both kinds of failure really happened: before the commit and after it.
      expect(seen.nothing).toBeGreaterThan(0);
      expect(seen.saved).toBeGreaterThan(0);
    },
    300_000,
  );
});

describe('disk full during motcua intake, injected (runs everywhere)', () => {
  const t = tempDir('motcua-enospc-');
  let env: Record<string, string> = {};
  const draft = join(t.dir, 'd.json');
  beforeAll(() => {
    env = counterReady(t.dir);
    writeFileSync(join(t.dir, 'scan.pdf'), `%PDF-1.4\n% scan of a citizen's ID card\n${'x'.repeat(20_000)}\n`);
    writeFileSync(draft, JSON.stringify({ ...DRAFT, attachments: ['scan.pdf'] }));
  });
  afterAll(() => t.cleanup());
  const dbPath = () => join(t.dir, 'motcua.sqlite3');

  it('a scan that cannot be stored fails the intake before anything is committed, and leaves no temp file', async () => {
    const r = motcua(['intake', '--json', draft, '--data-dir', t.dir], { ...env, ...injectEnospc('[\\\\/]sha256[\\\\/]') });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/Lỗi nội bộ/);
    expect(r.stderr).toMatch(/đầy.*giải phóng/);
    expect(r.stderr).not.toMatch(SAVED);
    expect(r.stdout).toBe('');
    expect(await dossierCodes(dbPath())).toEqual([]);
    expect(tempFilesUnder(t.dir)).toEqual([]);
  });

  it('a receipt that cannot be written names the committed dossier, leaves no temp file, and is made later without a second dossier', async () => {
    const r = motcua(['intake', '--json', draft, '--data-dir', t.dir], { ...env, ...injectEnospc('[\\\\/]receipts[\\\\/]') });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const saved = SAVED.exec(r.stderr);
    expect(saved, r.stderr).not.toBeNull();
    const code = saved![1]!;
    expect(r.stdout.trim()).toBe(code);
    expect(r.stderr).toMatch(/đầy.*giải phóng/);
    // The message tells the officer how to finish, instead of receiving the dossier again.
    expect(r.stderr).toContain(`motcua receipt pdf ${code}`);
    expect(await dossierCodes(dbPath())).toEqual([code]);
    expect(tempFilesUnder(t.dir)).toEqual([]);
    await expectOnlyRecordedReceipts(t.dir);

    const out = join(t.dir, 'receipt.pdf');
    const receipt = motcua(['receipt', 'pdf', code, '--out', out, '--data-dir', t.dir], env);
    expect(receipt.code, receipt.stderr).toBe(0);
    expect(await dossierCodes(dbPath())).toEqual([code]);
    await expectOnlyRecordedReceipts(t.dir);
  });
});

describe('a full database, in-process (SQLite max_page_count)', () => {
  it('SQLITE_FULL reaches callers as disk_full with what to do, and the transaction left nothing', async () => {
    const t = tempDir('motcua-dbfull-');
    const store = SqliteStore.open(join(t.dir, 'motcua.sqlite3'), { key: null });
    try {
      await store.exec('test.setup', (db) => {
        db.exec('CREATE TABLE filler (x BLOB)');
        db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 4}`);
      });
      const failure = await store
        .exec('test.fill', (db) => db.transaction(() => db.prepare('INSERT INTO filler VALUES (?)').run(Buffer.alloc(1024 * 1024)))())
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AppFailure);
      expect((failure as AppFailure).code).toBe('disk_full');
      expect((failure as AppFailure).message).toMatch(/đầy.*giải phóng/);
      expect(await store.exec('test.count', (db) => db.prepare('SELECT COUNT(*) AS n FROM filler').get())).toEqual({ n: 0 });
    } finally {
      await store.close();
      t.cleanup();
    }
  });
});
