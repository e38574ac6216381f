import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAdapters } from '../../electron/cli/cli-core';
import { toVietnamRfc3339 } from '../../electron/common/domain/time';
import { openCoreServices } from '../../electron/node/core/core-services';
import { formatBackupKey } from '../../electron/node/db/key-backup';
import { applyRemoteStatus } from '../../electron/node/intake/dossier-repo';
import { keyFilePath } from '../../electron/node/secrets/key-file-store';
import { motcua } from '../helpers/cli';
import { openDataDb } from '../helpers/data-db';
import { tempDir } from '../helpers/tmp';
import { allFiles, clearFiles } from '../helpers/clear-files';
import { counterReady, DRAFT } from './faults';

const CCCD = DRAFT.SoGiayToChuHoSo;
const PHONE = DRAFT.SoDienThoai;
const NAME = DRAFT.ChuHoSo;
const MARKER = 'QUET-CCCD-MAT-TRUOC-7f3a9c';

/** A scan as a scanner writes it: an uncompressed PDF whose bytes carry a marker a grep can find. */
function scanPdf(): Buffer {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${MARKER} ${CCCD}\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

describe('citizens’ data sealed at rest', () => {
  const t = tempDir('motcua-at-rest-');
  const dd = ['--data-dir', t.dir];
  let env: Record<string, string>;
  let code: string;
  beforeAll(() => {
    env = counterReady(t.dir);
    const scan = join(t.dir, '..', `${t.dir.split('/').pop()}-scan.pdf`);
    writeFileSync(scan, scanPdf());
    const draft = join(t.dir, '..', `${t.dir.split('/').pop()}-draft.json`);
    writeFileSync(draft, JSON.stringify({ ...DRAFT, attachments: [scan] }));
    const r = motcua(['intake', '--json', draft, ...dd], env);
    expect(r.code, r.stderr).toBe(0);
    code = r.stdout.trim();
    // The receipt printed from the CLI to a file of the user's choice, outside the data directory (clear by intent).
    const out = join(t.dir, '..', `${t.dir.split('/').pop()}-giay-tiep-nhan.pdf`);
    const printed = motcua(['receipt', 'pdf', code, '--out', out, ...dd], env);
    expect(printed.code, printed.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  /**
   * The rest of a counter's day on the same data directory, through the app's own services: the
   * receipt printed (its bytes to the print view), a Mẫu 02 for the same citizen, a form, the result handed
   * over (slip), and the day closed (stored report). Then the app closes, as at the end of the day.
   */
  beforeAll(async () => {
    const core = await openCoreServices(t.dir, cliAdapters(t.dir));
    try {
      const officerId = await core.store.exec('t', (db) => (db.prepare("SELECT officer_id FROM officers LIMIT 1").pluck().get() as string));
      const actor = await core.actorOf({ officerId, fullName: 'Quản trị', roles: ['admin', 'officer', 'supervisor'] });
      // Printed as the app prints it: the print view gets the bytes by token, unsealed in memory only.
      const offer = core.printOffers.offer(await core.intake.receiptPath(actor, code));
      const { dataUrl } = await core.printOffers.bytes(offer.token);
      expect(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // While the app is still open (no wipe at close to lean on): no clear copy was written for it.
      expect(clearFiles(t.dir, [CCCD, PHONE, NAME])).toEqual([]);
      expect(existsSync(join(t.dir, 'files', 'viewer'))).toBe(false);
      const slip = await core.intake.turnBack(actor, { form: '02', MaTTHC: DRAFT.MaTTHC, ChuHoSo: NAME, SoGiayToChuHoSo: CCCD, SoDienThoai: PHONE, DiaChiChuHoSo: DRAFT.DiaChiChuHoSo, reasons: ['Bổ sung bản sao Giấy chứng sinh'] });
      expect((await core.docs.read(slip.pdfPath)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await core.forms.write(actor, code, '06');
      await core.store.exec('t', (db) => applyRemoteStatus(db, code, { status: '9', version: 2, at: toVietnamRfc3339(new Date()) }));
      const { slipPath } = await core.returns.handOver(code, { receivedBy: NAME, idChecked: true, actor: officerId });
      expect((await core.docs.read(slipPath)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const closed = await core.reports.closeDay(actor, { date: toVietnamRfc3339(new Date()).slice(0, 10), notes: 'Đã rà soát', sign: null });
      expect(existsSync(closed.pdfPath)).toBe(true);
      expect((await core.docs.read(closed.pdfPath)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await core.close();
    }
  }, 120_000);
  afterAll(() => t.cleanup());

  it('after an intake with a scan, no byte of the ID number, the phone or the scan is in clear anywhere in the data directory', async () => {
    // The dossier really is there, readable with this PC's key.
    const db = await openDataDb(t.dir, { readonly: true });
    try {
      const row = db.prepare('SELECT COUNT(*) AS n FROM attachments').get() as { n: number };
      expect(row.n).toBe(1);
      const found = db.prepare('SELECT COUNT(*) AS n FROM dossiers WHERE so_giay_to = ?').get(CCCD) as { n: number };
      expect(found.n).toBe(1);
    } finally {
      db.close();
    }
    const files = allFiles(t.dir);
    expect(files.some((f) => f.endsWith('motcua.sqlite3'))).toBe(true);
    expect(files.some((f) => f.includes(`${join('files', 'sha256')}`))).toBe(true);
    // The generated documents are all there, kept: receipt and Mẫu 02/06 beside it, the hand-over slip, the day-close report.
    for (const part of [join('files', 'receipts', 'mau-02-'), join('files', 'returns', 'ban-giao-'), join('reports', 'bao-cao-')]) {
      expect(files.some((f) => f.includes(part)), part).toBe(true);
    }
    // No byte of them (UTF-8 or UTF-16) and no PDF in clear anywhere: not a document kept, not a print, not a temp file.
    expect(clearFiles(t.dir, [CCCD, PHONE, MARKER, NAME])).toEqual([]);
  });

  it('the data directory and its stored files are this user’s alone', () => {
    expect(statSync(t.dir).mode & 0o777).toBe(0o700);
    expect(statSync(keyFilePath(t.dir)).mode & 0o777).toBe(0o600);
    for (const d of ['files', join('files', 'receipts'), join('files', 'returns'), 'reports']) expect(statSync(join(t.dir, d)).mode & 0o777, d).toBe(0o700);
    const documents = allFiles(t.dir).filter((f) => /(receipts|returns|reports)[/\\]/.test(f));
    expect(documents.length).toBeGreaterThanOrEqual(4);
    for (const f of documents) expect(statSync(f).mode & 0o777, f).toBe(0o600);
  });

  it('a copy of the data directory without this PC’s key cannot be read, and says why', () => {
    const copy = tempDir('motcua-at-rest-copy-');
    try {
      for (const f of ['motcua.sqlite3', 'secrets.json']) writeFileSync(join(copy.dir, f), readFileSync(join(t.dir, f)));
      const r = motcua(['search', 'Phạm', '--data-dir', copy.dir], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/được mã hóa, nhưng khóa mở nó không có trên máy này/);
      expect(r.stderr).not.toMatch(/Lỗi nội bộ/);
      const doctor = motcua(['doctor', '--data-dir', copy.dir]);
      expect(doctor.code).toBe(1);
      expect(doctor.stdout + doctor.stderr).toMatch(/khóa mở nó không có trên máy này/);
    } finally {
      copy.cleanup();
    }
  });

  it('with the key store emptied, the same data directory is refused with the recovery path, and works again once the key is back', () => {
    const keyFile = keyFilePath(t.dir);
    renameSync(keyFile, `${keyFile}.away`);
    try {
      const r = motcua(['search', 'Phạm', ...dd], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/mã hóa/);
      expect(r.stderr).not.toMatch(/Lỗi nội bộ/);
    } finally {
      renameSync(`${keyFile}.away`, keyFile);
    }
    const again = motcua(['search', 'Phạm', '--json', ...dd], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(code);
  });

  it('lost key store: the paper key (db key-export) brings the data back; a wrong or mistyped key changes nothing', () => {
    const exported = motcua(['db', 'key-export', ...dd], env);
    expect(exported.code, exported.stderr).toBe(0);
    const paper = exported.stdout.trim();
    expect(paper).toMatch(/^MCK2(-[0-9A-F]{4}){33}$/);
    expect(motcua(['db', 'key-export', ...dd], { MOTCUA_OFFICER: 'x', MOTCUA_PASSWORD: 'y' }).code).toBe(1);
    const keyFile = keyFilePath(t.dir);
    renameSync(keyFile, `${keyFile}.lost`);
    try {
      expect(motcua(['search', 'Phạm', ...dd], env).code).toBe(1);
      const typo = paper.slice(0, 10) + (paper[10] === 'A' ? 'B' : 'A') + paper.slice(11);
      const bad = motcua(['db', 'key-import', '--key-env', 'K', ...dd], { K: typo });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/gõ sai/);
      // Well formed, checksum right, but not this database's key: refused, nothing kept.
      const other = motcua(['db', 'key-import', '--key-env', 'K', ...dd], { K: formatBackupKey('11'.repeat(32), '22'.repeat(32)) });
      expect(other.code).toBe(1);
      expect(other.stderr).toMatch(/không mở được cơ sở dữ liệu/);
      const ok = motcua(['db', 'key-import', '--key-env', 'K', ...dd], { K: paper.toLowerCase() });
      expect(ok.code, ok.stderr).toBe(0);
      const back = motcua(['search', 'Phạm', '--json', ...dd], env);
      expect(back.code, back.stderr).toBe(0);
      expect(back.stdout).toContain(code);
    } finally {
      renameSync(`${keyFile}.lost`, `${keyFile}.old`);
    }
  });

  it('doctor says encryption is on and where the key is kept', () => {
    const r = motcua(['doctor', '--json', ...dd]);
    expect(r.code, r.stderr).toBe(0);
    const check = (JSON.parse(r.stdout) as { checks: Array<{ id: string; status: string; detail: string }> }).checks.find((c) => c.id === 'encryption');
    expect(check?.detail).toMatch(/bật \(SQLCipher 4, AES-256\); khóa giữ trong/);
  });
});
