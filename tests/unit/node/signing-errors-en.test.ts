import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenError, type TokenCertificate } from '../../../electron/common/hardware/token';
import { errorText } from '../../../electron/common/ipc/result';
import { draftFromImport } from '../../../electron/node/intake/import-draft';
import { postalAddressOf, resolveDocuments } from '../../../electron/node/intake/intake-rules';
import { certificateProblems, certificateRefusal, checkCertificate } from '../../../electron/node/signing/signing-service';
import { loadTrustAnchors } from '../../../electron/node/signing/trust-store';
import { rfc3161 } from '../../../electron/node/signing/tsa';
import { tempDir } from '../../helpers/tmp';
import { caught, VIETNAMESE } from '../../helpers/wording';

const cert = (o: Partial<TokenCertificate>): TokenCertificate =>
  ({ id: '01', subject: 'CN=Nguyen Van A', issuer: 'CN=CA', notBefore: '2025-01-01T00:00:00Z', notAfter: '2026-06-30T00:00:00Z', keyUsage: ['digitalSignature'], der: new Uint8Array(), ...o }) as unknown as TokenCertificate;
const proc = { maTthc: '1.001', documents: [{ code: 'TP1', name: 'Tờ khai', required: true, originals: 1, copies: 0 }], fees: [] };

describe('signing, trust store, time-stamp, PIN and import failures are keyed and read in English', () => {
  const t = tempDir('motcua-keyed-');
  let server: Server;
  let url = '';
  let closedUrl = '';
  beforeAll(async () => {
    // One TSA answers HTTP 500 on /fail and bytes that are no time-stamp response elsewhere.
    server = createServer((req, res) => {
      if (req.url === '/fail') res.writeHead(500).end();
      else res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end('not a TimeStampResp');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((r) => closed.close(() => r()));
    mkdirSync(join(t.dir, 'empty-trust'));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    t.cleanup();
  });

  const cases: Array<[string, string, () => unknown]> = [
    ['an expired certificate', 'signing.certExpired', async () => {
      throw certificateRefusal(await certificateProblems(cert({}), new Date('2026-11-30T03:00:00Z')));
    }],
    ['a certificate not valid yet', 'signing.certNotYetValid', async () => {
      throw certificateRefusal(await certificateProblems(cert({ notBefore: '2026-12-24T00:00:00Z', notAfter: '2028-01-01T00:00:00Z' }), new Date('2026-11-30T03:00:00Z')));
    }],
    ['a certificate not for signing', 'signing.certKeyUsage', async () => {
      throw certificateRefusal(await certificateProblems(cert({ notAfter: '2028-01-01T00:00:00Z', keyUsage: ['keyEncipherment'] }), new Date('2026-11-30T03:00:00Z')));
    }],
    ['the PC clock before 2025', 'signing.clockWrong', async () => {
      throw certificateRefusal(await certificateProblems(cert({ notBefore: '2020-01-01T00:00:00Z' }), new Date('2024-01-01T03:00:00Z')));
    }],
    ['an unreadable trust folder', 'trust.dirUnreadable', () => loadTrustAnchors(join(t.dir, 'no-such-folder'))],
    ['a trust folder without certificates', 'trust.dirEmpty', () => loadTrustAnchors(join(t.dir, 'empty-trust'))],
    ['a TSA answering HTTP 500', 'tsa.httpError', () => rfc3161(`${url}/fail`)(new Uint8Array([1, 2, 3]))],
    ['a TSA answering garbage', 'tsa.unreadable', () => rfc3161(`${url}/tsa`)(new Uint8Array([1, 2, 3]))],
    ['a TSA that cannot be reached', 'tsa.unreachable', () => rfc3161(closedUrl)(new Uint8Array([1, 2, 3]))],
    ['a wrong PIN with one try left', 'token.pinIncorrectFinalTry', () => {
      throw new TokenError('pin_incorrect', { key: 'token.pinIncorrectFinalTry' });
    }],
    ['a PIN-locked token', 'token.pinLocked', () => {
      throw new TokenError('pin_locked', { key: 'token.pinLocked' });
    }],
    ['a postal return without an address', 'intake.noPostalAddress', () => postalAddressOf({ HinhThuc: '1', DiaChiNhanKetQua: null, DiaChiChuHoSo: null } as never)],
    ['an import with an impossible receipt time', 'import.badTime', () => draftFromImport({ MaTTHC: 'T.1', ChuHoSo: 'Công ty A', LoaiDoiTuong: '2', NgayTiepNhan: '2026-13-45' }, t.dir)],
  ];

  it.each(cases)('%s', async (_name, key, f) => {
    const r = await caught(f);
    expect(r.key).toBe(key);
    expect(r.vi).toMatch(VIETNAMESE);
    expect(r.en).not.toMatch(VIETNAMESE);
    expect(r.en).not.toBe(r.vi);
  });

  it('a certificate with several problems is keyed by the first; every problem stays in the Vietnamese message and details', async () => {
    const problems = await certificateProblems(cert({ keyUsage: ['keyEncipherment'] }), new Date('2026-11-30T03:00:00Z'));
    expect(problems.map((p) => p.key)).toEqual(['signing.certExpired', 'signing.certKeyUsage']);
    const e = certificateRefusal(problems).toError();
    expect(e).toMatchObject({ code: 'forbidden', key: 'signing.certExpired', params: { date: '30/06/2026' } });
    expect(e.message).toBe('Chứng thư số đã hết hạn ngày 30/06/2026. Chứng thư số không được phép dùng để ký văn bản (keyUsage).');
    expect(e.details?.map((d) => d.message)).toEqual(['Chứng thư số đã hết hạn ngày 30/06/2026.', 'Chứng thư số không được phép dùng để ký văn bản (keyUsage).']);
    expect(errorText(e, 'en')).toBe('The certificate expired on 30/06/2026.');
    // The Vietnamese verdicts of the check itself are worded from the same keys.
    expect(await checkCertificate(cert({ notAfter: '2028-01-01T00:00:00Z' }), new Date('2026-11-30T03:00:00Z'))).toEqual({ ok: true, problems: [] });
  });

  it('missing required documents are listed by name in both languages', async () => {
    const r = await caught(() => resolveDocuments(proc as never, { TaiLieuNop: [], DanhSachLePhi: [] } as never));
    expect(r.key).toBe('intake.missingDocuments');
    expect(r.params).toEqual({ documents: 'Tờ khai' });
    expect(r.en).toBe('Required documents are missing: Tờ khai. If the citizen lacks papers, issue the request to complete the dossier (Form 02).');
    expect(r.vi).toContain('Thiếu thành phần hồ sơ bắt buộc: Tờ khai.');
  });

  it('an import that fails its schema names the JSON fields and their count in English too', async () => {
    const r = await caught(() => draftFromImport({ MaTTHC: 42, bogus: true }, t.dir));
    expect(r.key).toBe('import.invalid');
    expect(r.en).toMatch(/^The dossier is not valid in \d+ places \(.+\): /);
    expect(r.vi).toMatch(/^Hồ sơ chưa hợp lệ ở \d+ chỗ \(.+\): /);
    const bad = await caught(() => draftFromImport({ MaTTHC: 'T.1', cccd: 'not a card' }, t.dir));
    expect(bad.key).toBe('import.badCccd');
    expect(bad.en).toMatch(/^The ID card QR code cannot be read: /);
  });
});
