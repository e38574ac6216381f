import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/common/ipc/result';
import { AttachmentInbox } from '../../electron/node/files/attachment-inbox';
import { ContentStore } from '../../electron/node/files/content-store';
import { unsealToBuffer } from '../../electron/node/files/sealed-file';
import { tempDir } from '../helpers/tmp';
import { tempFilesUnder } from './faults';

const PDF = (what: string) => Buffer.from(`%PDF-1.4\n% ${what}\n`);

/**
 * Attachments are citizens' scans that the counter uploads to the province: what is stored must be
 * exactly the regular file the officer picked, never a file reached through a link, a device that
 * never ends, a FIFO that blocks, or a path whose `..` the kernel resolves to another folder.
 */
const key = randomBytes(32);

describe('attachments must be regular files, reached directly', () => {
  let t: ReturnType<typeof tempDir>;
  let store: ContentStore;
  let scans: string;
  let elsewhere: string;
  beforeEach(() => {
    t = tempDir('motcua-attach-');
    store = new ContentStore(join(t.dir, 'files'), key);
    scans = join(t.dir, 'scans');
    elsewhere = join(t.dir, 'elsewhere', 'deep');
    mkdirSync(scans, { recursive: true });
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(scans, 'to-khai.pdf'), PDF('the form the citizen brought'));
    writeFileSync(join(t.dir, 'elsewhere', 'ho-so-nguoi-khac.pdf'), PDF("another citizen's dossier"));
  });
  afterEach(() => t.cleanup());

  const refusal = async (source: string): Promise<AppFailure> => {
    const e = await store.importFile(source).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e, source).toBeInstanceOf(AppFailure);
    return e as AppFailure;
  };

  it('a regular file is stored whole under its hash, sealed, through a temp file that does not stay', async () => {
    const f = await store.importFile(join(scans, 'to-khai.pdf'));
    // On disk only the sealed form; opened with the key, the very bytes the citizen brought.
    expect(readFileSync(f.path).includes(PDF('the form the citizen brought'))).toBe(false);
    expect(await unsealToBuffer(key, f.path, Buffer.from(f.sha256, 'hex'))).toEqual(PDF('the form the citizen brought'));
    expect(await store.verify(f.sha256)).toBe(true);
    expect(lstatSync(f.path).isFile()).toBe(true);
    expect(f.contentType).toBe('application/pdf');
    expect(tempFilesUnder(t.dir)).toEqual([]);
  });

  it('a symlink is refused, even to a valid PDF', async () => {
    const link = join(scans, 'lien-ket.pdf');
    symlinkSync(join(t.dir, 'elsewhere', 'ho-so-nguoi-khac.pdf'), link);
    expect((await refusal(link)).code).toBe('invalid_input');
    expect(await new AttachmentInbox().register(link)).toBeNull();
    // The scanner's folder lists what the scanner wrote, not what a link points at.
    expect((await new AttachmentInbox().scanFolder(scans)).map((f) => f.fileName)).toEqual(['to-khai.pdf']);
  });

  it('a path whose `..` the kernel resolves through a symlinked folder to another file is refused', async () => {
    // scans/sub → elsewhere/deep, so the kernel reads scans/sub/../ho-so-nguoi-khac.pdf from elsewhere/,
    // while the path as written names a file in scans/ that does not exist.
    symlinkSync(elsewhere, join(scans, 'sub'));
    const tricky = `${scans}/sub/../ho-so-nguoi-khac.pdf`;
    expect(readFileSync(tricky)).toEqual(PDF("another citizen's dossier"));
    expect((await refusal(tricky)).code).toBe('invalid_input');
    expect(await new AttachmentInbox().register(tricky)).toBeNull();
    expect(tempFilesUnder(t.dir)).toEqual([]);
    expect(existsSync(join(t.dir, 'files', 'sha256'))).toBe(false);
  });

  it('devices, FIFOs and folders are refused at once (a FIFO never blocks the counter)', async () => {
    const fifo = join(scans, 'hang.pdf');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const link = join(scans, 'zero.pdf');
    symlinkSync('/dev/zero', link);
    for (const p of [fifo, '/dev/zero', link, scans]) {
      const e = await refusal(p);
      expect(['invalid_input', 'not_found']).toContain(e.code);
      expect(await new AttachmentInbox().register(p)).toBeNull();
    }
    expect(tempFilesUnder(t.dir)).toEqual([]);
  }, 10_000);
});
