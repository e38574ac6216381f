import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/common/ipc/result';
import { signPdfIncrement } from '../../electron/node/signing/pades';
import { checkCertificate } from '../../electron/node/signing/signing-service';
import { rfc3161 } from '../../electron/node/signing/tsa';
import { describeCertificate } from '../../native/pkcs11/certificate-info';
import { tempDir } from '../helpers/tmp';
import { plainInputs, softwareSigner } from './pdf-corpus';

/**
 * Finding 2, last part: raw English from the libraries under the signer (pkijs, fetch) never
 * reaches the officer. Each failure is one exact Vietnamese sentence.
 */
describe('what the signer says when the TSA or the chain fails: Vietnamese only', () => {
  const t = tempDir('motcua-sec-msg-');
  let input: Uint8Array;
  let signer: ReturnType<typeof softwareSigner>;
  let garbage: Server;
  let garbageUrl: string;
  beforeAll(async () => {
    input = new Uint8Array(readFileSync((await plainInputs(t.dir)).pdflibClassic));
    signer = softwareSigner(t.dir);
    // A "TSA" answering 200 with bytes that are no TimeStampResp.
    garbage = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end('<html>not a timestamp</html>'));
    await new Promise<void>((r) => garbage.listen(0, '127.0.0.1', r));
    garbageUrl = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}/tsa`;
  }, 60_000);
  afterAll(async () => {
    await new Promise((r) => garbage.close(r));
    t.cleanup();
  });

  const failure = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(AppFailure);
    return { code: (e as AppFailure).code, message: (e as AppFailure).message };
  };

  it('a TSA answering with something that is not a timestamp', async () => {
    expect(await failure(signPdfIncrement(input, signer, { signingTime: new Date(), timestamp: rfc3161(garbageUrl) }))).toEqual({
      code: 'device_error',
      message: 'Máy chủ dấu thời gian trả về dữ liệu không đọc được.',
    });
  });

  it('a TSA nobody listens on', async () => {
    // A port that was just free: the connection is refused ("fetch failed" in fetch's words).
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/tsa`;
    await new Promise((r) => probe.close(r));
    expect(await failure(signPdfIncrement(input, signer, { signingTime: new Date(), timestamp: rfc3161(url) }))).toEqual({
      code: 'device_error',
      message: `Không kết nối được máy chủ dấu thời gian ${url}.`,
    });
  });

  it('a TSA that does not answer in time', async () => {
    const silent = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/tsa`;
    try {
      expect(await failure(signPdfIncrement(input, signer, { signingTime: new Date(), timestamp: rfc3161(url, { timeoutMs: 300 }) }))).toEqual({
        code: 'device_error',
        message: `Máy chủ dấu thời gian ${url} không trả lời kịp.`,
      });
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });

  it('a certificate that does not chain to the configured roots: the verdict without pkijs\'s English reason', async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(t.dir, 'other.key'), '-out', join(t.dir, 'other.der'), '-outform', 'DER', '-days', '30', '-subj', '/CN=Other Root'], { stdio: 'ignore' });
    const cert = { id: '01', label: 'soft', ...describeCertificate(signer.chain[0]!) };
    const check = await checkCertificate(cert, new Date(), { trustAnchors: [new Uint8Array(readFileSync(join(t.dir, 'other.der')))] });
    expect(check).toEqual({ ok: false, problems: ['Chứng thư số không thuộc tổ chức cung cấp dịch vụ tin cậy đã cấu hình.'] });
  });
});
