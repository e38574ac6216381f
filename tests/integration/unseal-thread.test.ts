import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignatureToken, TokenCertificate } from '../../electron/common/hardware/token';
import { failure } from '../../electron/common/ipc/result';
import { ContentStore } from '../../electron/node/files/content-store';
import { SEAL_CHUNK, sealBuffer } from '../../electron/node/files/sealed-file';
import { UnsealThread } from '../../electron/node/files/unseal-thread';
import { signPdf } from '../../electron/node/signing/signing-service';
import { findWorkerScript } from '../../electron/node/workers/worker-script';
import { tempDir } from '../helpers/tmp';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const pdfOf = (n: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(n)]);

describe('the unseal thread: a stored file opened off the reader’s thread, alike or refused alike', () => {
  let t: ReturnType<typeof tempDir>;
  let master: Buffer;
  let thread: UnsealThread;
  let files: ContentStore;
  const script = findWorkerScript('unseal-worker');

  beforeEach(() => {
    expect(script, 'npm run build bundles dist/workers/unseal-worker.cjs').not.toBeNull();
    t = tempDir('motcua-unseal-thread-');
    master = randomBytes(32);
    thread = new UnsealThread(script!);
    files = new ContentStore(join(t.dir, 'files'), master, thread);
  });
  afterEach(async () => {
    await thread.close();
    t.cleanup();
  });

  it('large, small and chunk-edge files read back byte for byte, the caller’s key untouched, in any order', async () => {
    const keyBefore = Buffer.from(master);
    const contents = [pdfOf(3 * 1024 * 1024 + 17), pdfOf(40), pdfOf(SEAL_CHUNK - 9), pdfOf(5000), pdfOf(10)];
    const stored = await Promise.all(contents.map((c, i) => files.putPieces([c], `kq-${i}.pdf`, 'application/pdf')));
    // All at once, then one by one: replies are matched to their requests, and the thread's own
    // buffer pool survives small files (theirs are copied out, never moved).
    const together = await Promise.all(stored.map((s) => files.readVerified(s.sha256)));
    together.forEach((b, i) => expect(b && sha(b), `file ${i}`).toBe(sha(contents[i]!)));
    for (const [i, s] of stored.entries()) expect(sha((await files.readVerified(s.sha256))!), `file ${i}`).toBe(sha(contents[i]!));
    expect(thread.opened).toEqual({ onThread: 10, here: 0 });
    expect(master.equals(keyBefore)).toBe(true);
  });

  it('a changed byte, a cut file, another file under the name and a missing one read as null, and the thread goes on', async () => {
    const a = await files.putPieces([pdfOf(2 * SEAL_CHUNK + 3)], 'a.pdf', 'application/pdf');
    const b = await files.putPieces([pdfOf(2 * SEAL_CHUNK + 3)], 'b.pdf', 'application/pdf');
    const kept = readFileSync(a.path);
    const changed = Buffer.from(kept);
    changed[changed.length - 100] = changed[changed.length - 100]! ^ 1;
    writeFileSync(a.path, changed);
    expect(await files.readVerified(a.sha256)).toBeNull();
    writeFileSync(a.path, kept.subarray(0, kept.length - SEAL_CHUNK));
    expect(await files.readVerified(a.sha256)).toBeNull();
    copyFileSync(b.path, a.path); // same size, sealed for another content
    expect(await files.readVerified(a.sha256)).toBeNull();
    expect(await files.readVerified('0'.repeat(64))).toBeNull();
    // The thread is still there for the next file.
    writeFileSync(a.path, kept);
    expect(sha((await files.readVerified(a.sha256))!)).toBe(a.sha256);
    expect(thread.opened).toEqual({ onThread: 1, here: 0 });
  });

  it('a v1 file (sealed before names were bound) opens by hashing, and fails under another name', async () => {
    const content = pdfOf(SEAL_CHUNK * 3);
    const name = sha(content);
    const path = files.pathOf(name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, sealBuffer(master, content));
    expect((await files.readVerified(name))!.equals(content)).toBe(true);
    const other = files.pathOf('f'.repeat(64));
    mkdirSync(dirname(other), { recursive: true });
    copyFileSync(path, other);
    expect(await files.readVerified('f'.repeat(64))).toBeNull();
  });

  it('a thread that cannot start costs time, not the read: the file opens on the reader’s thread', async () => {
    const broken = new UnsealThread(join(t.dir, 'no-such-worker.cjs'));
    const store = new ContentStore(join(t.dir, 'files'), master, broken);
    const content = pdfOf(SEAL_CHUNK + 1);
    const s = await store.putPieces([content], 'x.pdf', 'application/pdf');
    try {
      expect((await store.readVerified(s.sha256))!.equals(content)).toBe(true);
      expect(broken.opened).toEqual({ onThread: 0, here: 1 });
      // And a file that does not open is still refused, not read some other way.
      const changed = readFileSync(s.path);
      changed[changed.length - 1] = changed[changed.length - 1]! ^ 1;
      writeFileSync(s.path, changed);
      expect(await store.readVerified(s.sha256)).toBeNull();
    } finally {
      await broken.close();
    }
  });
});

describe('signPdf with its input still opening', () => {
  const cert: TokenCertificate = { id: '01', label: 'x', der: new Uint8Array(), subject: 'CN=Cán bộ', issuer: 'CN=CA', serialHex: '01', notBefore: '2020-01-01T00:00:00Z', notAfter: '2099-01-01T00:00:00Z', keyUsage: ['digitalSignature'], keyType: 'RSA' };
  const unreadable = () => failure('conflict', 'returns.resultUnreadable', { id: 7 });
  const tokenOf = (o: { certs?: () => Promise<TokenCertificate[]> } = {}) => {
    const asked = { list: 0, sign: 0 };
    const token: SignatureToken = {
      listTokens: async () => [],
      listCertificates: async () => {
        asked.list++;
        return o.certs ? o.certs() : [];
      },
      sign: async () => {
        asked.sign++;
        throw new Error('the token must not be asked to sign');
      },
      close: async () => undefined,
    };
    return { token, asked };
  };
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });
  const settle = () => new Promise((r) => setTimeout(r, 20));

  it('an input that fails while the certificates are read is what the caller hears, no PIN is tried, nothing is left unhandled', async () => {
    const { token, asked } = tokenOf({ certs: async () => [cert] });
    const input = Promise.reject(unreadable());
    const err = await signPdf(input, { token, tokenId: 'T', certId: '01', pin: '123456' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'conflict', key: 'returns.resultUnreadable', params: { id: 7 } });
    expect(asked).toEqual({ list: 1, sign: 0 });
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('when both fail, the input’s failure is told first (a changed file before a missing certificate)', async () => {
    const { token } = tokenOf({ certs: async () => [] });
    let fail!: (e: Error) => void;
    const input = new Promise<Uint8Array>((_, reject) => (fail = reject));
    const pending = signPdf(input, { token, tokenId: 'T', certId: '01', pin: '123456' }).catch((e: unknown) => e);
    await settle(); // the certificate lookup has failed by now; the input has not answered yet
    fail(unreadable());
    expect(await pending).toMatchObject({ code: 'conflict', key: 'returns.resultUnreadable', params: { id: 7 } });
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('with a readable input, the certificate’s own refusal is told', async () => {
    const { token, asked } = tokenOf({ certs: async () => [] });
    const err = await signPdf(Promise.resolve(pdfOf(100)), { token, tokenId: 'T', certId: '01', pin: '123456' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ key: 'signing.certNotFound', params: { certId: '01' } });
    expect(asked.sign).toBe(0);
  });
});
