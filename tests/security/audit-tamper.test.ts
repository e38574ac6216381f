import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCoreServices, type CoreServices } from '../../electron/node/core/core-services';
import { openDatabase } from '../../electron/node/db/open';
import { migrations } from '../../electron/node/db/migrations/index.generated';
import { migrate } from '../../electron/node/db/migration';
import { createLogger } from '../../electron/node/log/logger';
import { startOfDay } from '../../electron/node/services/start-of-day';
import { appendAudit } from '../../electron/node/store/audit';
import { openDataDb } from '../helpers/data-db';
import { tempDir } from '../helpers/tmp';

/**
 * Someone with the database file but not the audit key: the append-only triggers dropped, rows
 * edited, deleted, swapped or cut off the end, directly in the SQLite file. Each must be caught by
 * the same `verify` the CLI, the Báo cáo screen, doctor and the start-of-day check use.
 */
const dirs: Array<{ dir: string; cleanup: () => void }> = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup();
});

const open = (dir: string) => openCoreServices(dir, { log: createLogger({ scope: 'test', level: 'error' }), pdf: 'in-process' });

async function withCore<T>(dir: string, fn: (core: CoreServices) => Promise<T>): Promise<T> {
  const core = await open(dir);
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

/** A data dir with `rows` audit rows, anchored when the core closed. */
async function seeded(rows = 8): Promise<string> {
  const t = tempDir('motcua-audit-');
  dirs.push(t);
  await withCore(t.dir, async (core) => {
    for (let i = 0; i < rows; i++) await core.store.audit({ actor: 'qt01', action: `test.step${i}`, subject: `S${i}`, details: { n: i } });
  });
  return t.dir;
}

async function tamper(dir: string, sql: string): Promise<void> {
  const db = await openDataDb(dir);
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; DROP TRIGGER IF EXISTS audit_chain_no_update;');
  db.exec(sql);
  db.close();
}

/** What an attacker without the key can do best: re-chain every row with the old, unkeyed SHA-256. */
async function rechainUnkeyed(dir: string): Promise<void> {
  const db = await openDataDb(dir);
  let prev = '0'.repeat(64);
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Array<Record<string, string | null> & { id: number }>;
  for (const r of rows) {
    const h = createHash('sha256');
    for (const f of [prev, r.at ?? '', r.actor ?? '', r.action ?? '', r.subject ?? '', r.details ?? '']) h.update(`${Buffer.byteLength(f)}:${f};`);
    const hash = h.digest('hex');
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, `${hash}`, r.id);
    prev = hash;
  }
  db.close();
}

const verify = (dir: string) => withCore(dir, (core) => core.audit.verify());

describe('audit log tampering with the triggers dropped', () => {
  it('an untouched log verifies, with its rows keyed and its anchor outside the database', async () => {
    const dir = await seeded();
    const v = await verify(dir);
    expect(v).toMatchObject({ ok: true, problem: null, entries: 8, rows: 8 });
    expect(v.anchorsChecked).toBeGreaterThanOrEqual(1);
    expect(v.lastAnchor).toMatchObject({ rows: 8, reason: 'close' });
    const lines = readFileSync(join(dir, 'audit-anchors.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ rows: 8, lastId: 8, keyedFrom: 1 });
  });

  it('catches an edited row, even when the attacker re-chains with plain SHA-256', async () => {
    const dir = await seeded();
    await tamper(dir, `UPDATE audit_log SET details = '{"n":99}' WHERE id = 4`);
    expect(await verify(dir)).toMatchObject({ ok: false, problem: 'edited', firstBadId: 4 });
    await rechainUnkeyed(dir);
    expect(await verify(dir)).toMatchObject({ ok: false, problem: 'edited', firstBadId: 1 });
  });

  it('catches a deleted row', async () => {
    const dir = await seeded();
    await tamper(dir, 'DELETE FROM audit_log WHERE id = 3');
    expect(await verify(dir)).toMatchObject({ ok: false, problem: 'broken', firstBadId: 4 });
  });

  it('catches reordered rows', async () => {
    const dir = await seeded();
    await tamper(dir, 'UPDATE audit_log SET id = 1000 WHERE id = 5; UPDATE audit_log SET id = 5 WHERE id = 6; UPDATE audit_log SET id = 6 WHERE id = 1000;');
    expect(await verify(dir)).toMatchObject({ ok: false, problem: 'broken', firstBadId: 5 });
  });

  it('catches the tail cut back past the last anchor: fewer rows than the anchor file says', async () => {
    const dir = await seeded();
    await tamper(dir, 'DELETE FROM audit_log WHERE id > 5');
    const v = await verify(dir);
    expect(v).toMatchObject({ ok: false, problem: 'truncated', firstBadId: 8, entries: 5 });
    // A tampered tail is never anchored over: the close of that core wrote no new anchor.
    const lines = readFileSync(join(dir, 'audit-anchors.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ rows: 8 });
  });

  it('the start-of-day check shows the verdict: ok (and anchors) on an intact log, fail on a cut one', async () => {
    const dir = await seeded();
    const rows = (core: CoreServices) => startOfDay({ store: core.store, printer: core.printer, scans: core.scans, audit: core.audit, dataDir: dir, now: core.now });
    await withCore(dir, async (core) => {
      await core.store.audit({ actor: 'qt01', action: 'test.more', subject: null });
      const audit = (await rows(core)).find((r) => r.id === 'audit');
      expect(audit).toMatchObject({ status: 'ok', label: 'Nhật ký kiểm toán' });
      expect(audit!.detail).toMatch(/^Nhật ký toàn vẹn \(9 dòng/);
    });
    const lines = readFileSync(join(dir, 'audit-anchors.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ reason: 'start-of-day', rows: 9 });
    await tamper(dir, 'DELETE FROM audit_log WHERE id > 7');
    await withCore(dir, async (core) => {
      expect((await rows(core)).find((r) => r.id === 'audit')).toMatchObject({ status: 'fail', detail: 'NHẬT KÝ BỊ THAY ĐỔI: các dòng cuối bị cắt bỏ hoặc viết lại so với mốc đã ghi (dòng 8).' });
    });
  });

  it('catches a tail cut and rewritten to other rows at the anchored position (another head)', async () => {
    const dir = await seeded();
    await tamper(dir, `DELETE FROM audit_log WHERE id > 5; UPDATE audit_chain SET keyed_from = 1000000;`);
    await rechainUnkeyed(dir);
    // Lowering the keyed start to pass re-chained rows off as old ones moves it away from what the anchor recorded.
    expect(await verify(dir)).toMatchObject({ ok: false, problem: 'keyedFromChanged' });
  });

  it('catches a forged line in the anchor file', async () => {
    const dir = await seeded();
    const last = JSON.parse(readFileSync(join(dir, 'audit-anchors.jsonl'), 'utf8').trim().split('\n').at(-1)!) as Record<string, unknown>;
    appendFileSync(join(dir, 'audit-anchors.jsonl'), JSON.stringify({ ...last, rows: 5, lastId: 5 }) + '\n');
    expect(await verify(dir)).toMatchObject({ ok: false, problem: 'anchorInvalid' });
  });

  it('rows written before the keyed chain still verify, and new rows are keyed after them', async () => {
    const t = tempDir('motcua-audit-old-');
    dirs.push(t);
    // A store as version 7 left it: clear, before the keyed chain (the core seals it when it opens it).
    const { db } = openDatabase(join(t.dir, 'motcua.sqlite3'), { migrate: false, key: null });
    migrate(db, migrations, 7);
    for (let i = 0; i < 3; i++) appendAudit(db, { actor: 'cli', action: `old${i}`, subject: null }, `2026-11-2${i}T08:00:00+07:00`);
    db.close();
    await withCore(t.dir, async (core) => {
      await core.store.audit({ actor: 'qt01', action: 'new', subject: null });
      expect(await core.audit.verify()).toMatchObject({ ok: true, entries: 4 });
    });
    const keyedFrom = await openDataDb(t.dir, { readonly: true });
    expect(keyedFrom.prepare('SELECT keyed_from FROM audit_chain').pluck().get()).toBe(4);
    keyedFrom.close();
    // Editing an old (unkeyed) row is caught too: its hash no longer matches, and the keyed row after it links to the real one.
    await tamper(t.dir, `UPDATE audit_log SET action = 'oldX' WHERE id = 2`);
    expect(await verify(t.dir)).toMatchObject({ ok: false, problem: 'edited', firstBadId: 2 });
  });

  it('without the audit key nothing that must be audited commits', async () => {
    const dir = await seeded(1);
    // The audit key's sealed copy is damaged (the database key, beside it in the vault, still opens the store).
    const index = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as { entries: Record<string, { sealed: string | null }> };
    index.entries['audit.hmacKey']!.sealed = 'v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify(index));
    await withCore(dir, async (core) => {
      await expect(core.store.audit({ actor: 'qt01', action: 'x', subject: null })).rejects.toMatchObject({ key: 'audit.keyUnavailable' });
      expect(await core.audit.verify()).toMatchObject({ ok: false, problem: 'keyMissing' });
    });
  });
});
