import { mkdirSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../electron/common/domain/actor';
import { formatError } from '../../electron/common/ipc/error-messages';
import { openCoreServices, type CoreServices } from '../../electron/node/core/core-services';
import { silentLogger } from '../../electron/node/log/logger';
import { ProvincialApi } from '../../electron/node/sync/provincial-api';
import { tempDir } from '../helpers/tmp';

const SETUP: Actor = { officerId: 'cli-setup', fullName: 'Thiết lập ban đầu', roles: ['admin'], counterId: null };
const UNIT = { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: null };
const CLIENT = { clientId: 'counter-q01', clientSecret: 'secret-q01' };

/** A port that was free a moment ago: nothing listens, so the connection is refused. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/**
 * Issue #16: the client's reasons for a request that got no answer were Node's own words ("fetch
 * failed", a JSON parser's message), shown as they came in `motcua api test`, doctor and the sync
 * queue whatever the language. They are keyed now, the errno named with the host:port it was about.
 */
describe("the provincial API client's reasons for no answer are keyed", { timeout: 60_000 }, () => {
  const t = tempDir('motcua-api-why-');
  let port: number;
  let server: Server;
  let core: CoreServices;
  beforeAll(async () => {
    port = await closedPort();
    // A province that issues tokens but answers the calendar with no JSON and drops the unit's connection.
    server = createHttpServer((req, res) => {
      if (req.url === '/api/oauth/token') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 't', token_type: 'Bearer', expires_in: 900 }));
      if (req.url?.startsWith('/api/catalog/calendar')) return res.writeHead(200, { 'content-type': 'application/json' }).end('<html>not json</html>');
      req.socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    mkdirSync(join(t.dir, 'data'));
    core = await openCoreServices(join(t.dir, 'data'), { log: silentLogger, pdf: 'in-process' });
  });
  afterAll(async () => {
    await core?.close();
    await new Promise((resolve) => server?.close(resolve));
    t.cleanup();
  });
  const refused = () => ({ key: 'sys.refused' as const, params: { path: `127.0.0.1:${port}` } });
  const served = () => new ProvincialApi({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, ...CLIENT, timeoutMs: 5000 });

  it('reach and the credentials check of a server that refuses the connection name the errno and the address', async () => {
    const api = new ProvincialApi({ baseUrl: `http://127.0.0.1:${port}/api`, ...CLIENT });
    expect(await api.reach()).toMatchObject({ reachable: false, status: null, reason: `127.0.0.1:${port} từ chối kết nối`, wording: refused() });
    expect(await api.checkCredentials()).toEqual({ kind: 'unreachable', reason: `127.0.0.1:${port} từ chối kết nối`, wording: refused() });
  });

  it("a read whose session request is refused: the token's reason is keyed inside the session's", async () => {
    const r = await new ProvincialApi({ baseUrl: `http://127.0.0.1:${port}/api`, ...CLIENT }).getUnit(UNIT.unitCode);
    expect(r).toMatchObject({ kind: 'retry', wording: { key: 'net.sessionReason', params: { reason: refused() } } });
    expect(formatError('net.sessionReason', { reason: refused() }, 'en')).toBe(`asking for a session: 127.0.0.1:${port} refused the connection`);
  });

  it('an answer that is no JSON is a malformed answer, not the parser message', async () => {
    expect(await served().getJson('/catalog/calendar?year=2026')).toMatchObject({ kind: 'retry', reason: 'Máy chủ tỉnh trả lời sai định dạng.', wording: { key: 'net.malformedAnswer' } });
  });

  it("a read whose connection drops before an answer: 'could not connect', undici's words as the detail", async () => {
    const r = await served().getUnit(UNIT.unitCode);
    expect(r).toMatchObject({ kind: 'retry', wording: { key: 'net.couldNotConnect', params: { detail: 'other side closed' } } });
    expect(formatError('net.couldNotConnect', { detail: 'other side closed' }, 'en')).toBe('could not connect (other side closed)');
  });

  it('an upload whose connection is cut: the reset keyed inside the tus reason, naming the server', async () => {
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const r = await served().upload({ data: Buffer.from('%PDF-1.4 scan'), size: 13, uploadUrl: null, metadata: { filename: 'scan.pdf' }, onUrl: () => undefined });
    expect(r).toMatchObject({ kind: 'retry', reason: `tus: kết nối tới ${host} bị ngắt giữa chừng`, wording: { key: 'net.tus', params: { reason: { key: 'sys.reset', params: { path: host } } } } });
  });

  it("motcua api test's lines and doctor's unit row, in English", async () => {
    await core.apiSetup.configure(SETUP, { apiUrl: `http://127.0.0.1:${port}/api`, ...CLIENT });
    await core.store.setUnitIdentity(UNIT, 'qt01');
    const test = await core.apiSetup.test();
    expect(test.lines[0]).toBe(`Máy chủ tỉnh http://127.0.0.1:${port}/api: 127.0.0.1:${port} từ chối kết nối.`);
    expect(test.linesEn[0]).toBe(`Provincial server http://127.0.0.1:${port}/api: 127.0.0.1:${port} refused the connection.`);
    const unit = (await core.provinceChecks()).find((c) => c.id === 'unit-province')!;
    expect(unit).toMatchObject({
      status: 'warn',
      detail: `chưa kiểm tra được: xin phiên làm việc: 127.0.0.1:${port} từ chối kết nối`,
      en: { detail: `could not be checked: asking for a session: 127.0.0.1:${port} refused the connection` },
    });
  });
});
