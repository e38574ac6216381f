import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ENV, BIN, cliAdmin, motcua } from '../helpers/cli';
import { openDataDb } from '../helpers/data-db';
import { tempDir } from '../helpers/tmp';
import { readDocument } from '../helpers/documents';
import { isSealed } from '../../electron/node/files/sealed-file';

/** Starts `motcua intake`, SIGKILLs it after `delayMs`, and resolves when it is gone. */
function killedIntake(dir: string, draft: string, delayMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'intake', '--json', draft, '--data-dir', dir], { stdio: 'ignore', env: { ...process.env, ...ADMIN_ENV } });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('a crash at any point of a save leaves the whole dossier or nothing', () => {
  const t = tempDir('motcua-crash-');
  const draft = join(t.dir, 'draft.json');
  const KILLS = 40;
  let completed = 0;

  beforeAll(async () => {
    const admin = cliAdmin(t.dir);
    expect(motcua(['unit', 'set', '--code', '000.00.01.H22', '--name', 'UBND xã Tân Phú', '--counter', 'Q01', '--offline-block', '1-9999', '--data-dir', t.dir], admin).code).toBe(0);
    writeFileSync(join(t.dir, 'scan.pdf'), '%PDF-1.4\n% scan\n');
    writeFileSync(
      draft,
      JSON.stringify({
        MaTTHC: '1.001193',
        cccd: '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1|15042021',
        TaiLieuNop: ['TP1', 'TP2', 'TP3'],
        DanhSachLePhi: ['LP1'],
        attachments: ['scan.pdf'],
      }),
    );
    // Learn how long one full intake takes here, then kill at random points across that span.
    const t0 = Date.now();
    expect(motcua(['intake', '--json', draft, '--data-dir', t.dir], admin).code).toBe(0);
    const full = Date.now() - t0;
    for (let i = 0; i < KILLS; i++) {
      const code = await killedIntake(t.dir, draft, Math.floor(Math.random() * full * 1.2));
      if (code === 0) completed++;
    }
  }, 600_000);
  afterAll(() => t.cleanup());

  it(`after ${KILLS} kills the database is intact and every dossier is whole`, async () => {
    const db = await openDataDb(t.dir);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const q = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      const dossiers = q('SELECT COUNT(*) AS n FROM dossiers');
      expect(dossiers).toBeGreaterThanOrEqual(1 + completed);
      expect(q('SELECT COUNT(*) AS n FROM used_codes')).toBe(dossiers);
      expect(q('SELECT COUNT(*) AS n FROM dossier_documents')).toBe(3 * dossiers);
      expect(q('SELECT COUNT(*) AS n FROM dossier_fees')).toBe(dossiers);
      expect(q('SELECT COUNT(*) AS n FROM attachments')).toBe(dossiers);
      expect(q("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'dossier_put'")).toBe(dossiers);
      expect(q("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'upload'")).toBe(dossiers);
      expect(q('SELECT COUNT(*) AS n FROM dossier_search')).toBe(dossiers);
      expect(q("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'dossier.receive'")).toBe(dossiers);
      expect(q('SELECT COUNT(DISTINCT ma_ho_so) AS n FROM dossiers')).toBe(dossiers);
      // Numbers are consecutive from the block: a killed save never burned or reused one.
      const seqs = (db.prepare('SELECT seq FROM used_codes ORDER BY seq').all() as Array<{ seq: number }>).map((r) => r.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    } finally {
      db.close();
    }
  });

  // Receipts are kept sealed (issue 13): each file on disk must be a whole sealed file whose clear
  // bytes are a whole PDF. A half-written file would fail to unseal (its chunks are authenticated).
  it('no receipt PDF on disk is half-written', async () => {
    const dir = join(t.dir, 'files', 'receipts');
    const pdfs = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThanOrEqual(1);
    for (const f of pdfs) {
      expect(isSealed(readFileSync(join(dir, f))), f).toBe(true);
      const b = await readDocument(t.dir, join(dir, f));
      expect(b.subarray(0, 5).toString(), f).toBe('%PDF-');
      expect(b.subarray(-8).toString(), f).toContain('%%EOF');
    }
  });
});
