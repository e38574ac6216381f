import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppServices, type AppServices } from '../../electron/node/app/app-services';
import type { HostShell } from '../../electron/node/ipc/handlers/index';
import { silentLogger, type Logger } from '../../electron/node/log/logger';
import type { SignatureToken } from '../../electron/common/hardware/token';
import { fakeScannerFactory } from '../fakes/fake-scanner';
import { tempDir } from '../helpers/tmp';

/** The app's own window, as both hosts identify it to the dispatcher. */
export const GOOD_SENDER = { url: 'app://motcua/index.html', isMainFrame: true };
export const ADMIN = { username: 'quantri', fullName: 'Nguyễn Quản Trị', password: 'mat-khau-quan-tri' };

/**
 * The app's services over a fresh data directory, driven through the real dispatcher exactly as
 * the renderer drives them; the first admin is created and signed in (first run).
 */
export async function appFixture(o: { now?: () => Date; log?: Logger; tokenFactory?: (modulePath: string) => SignatureToken } = {}) {
  const t = tempDir('motcua-sec-');
  const opened: string[] = [];
  const shell: HostShell = {
    openExternal: async (u) => {
      opened.push(u);
    },
    pickFiles: async () => [],
    openPdf: async () => true,
  };
  const services: AppServices = await createAppServices({
    dataDir: t.dir,
    // Exports and signed copies go to the user's Documents: here a folder of the test's own.
    documentsDir: join(t.dir, 'Documents'),
    appVersion: '0.0.0-test',
    host: 'electron',
    allowedOrigin: 'app://motcua',
    log: o.log ?? silentLogger,
    shell,
    scannerFactory: fakeScannerFactory().factory,
    printerFactory: async () => {
      throw new Error('no printer in these tests');
    },
    serialPorts: { list: async () => [] },
    tokenFactory:
      o.tokenFactory ??
      (() => {
        throw new Error('no token in these tests');
      }),
    probe: async () => false,
    ...(o.now ? { now: o.now } : {}),
  });
  await services.start();
  const call = (channel: string, input: unknown = {}) => services.dispatcher.dispatch(GOOD_SENDER, channel, input);
  const setup = await call('auth.setup', {
    unit: { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: null },
    admin: ADMIN,
  });
  if (!setup.ok) throw new Error(`setup failed: ${setup.error.message}`);
  return {
    services,
    dir: t.dir,
    call,
    opened,
    /** Rows of the audit log with this action, oldest first. */
    audit: (action: string) =>
      services.store.exec('test.audit', (db) => db.prepare('SELECT actor, subject, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as Array<{ actor: string; subject: string | null; details: string | null }>),
    async close() {
      await services.close();
      t.cleanup();
    },
  };
}
export type AppFixture = Awaited<ReturnType<typeof appFixture>>;

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A tiny loopback HTTP server that records every request and answers with `handle`. */
export async function httpServer(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>) {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      void Promise.resolve(handle(req, res, body)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Streams up to `total` bytes (JSON-looking, no Content-Length unless given) honouring
 * backpressure, and reports how many bytes the client let it send before hanging up.
 */
export function streamBytes(res: ServerResponse, total: number, o: { contentLength?: number; contentType?: string } = {}): Promise<number> {
  res.writeHead(200, { 'Content-Type': o.contentType ?? 'application/json', ...(o.contentLength !== undefined ? { 'Content-Length': String(o.contentLength) } : {}) });
  const first = Buffer.alloc(64 * 1024, 0x61);
  first.write('{"unitCode":"', 0);
  const rest = Buffer.alloc(64 * 1024, 0x61);
  return new Promise((resolve) => {
    let sent = 0;
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        resolve(sent);
      }
    };
    res.on('close', finish);
    const pump = () => {
      while (sent < total && !res.destroyed) {
        const chunk = sent === 0 ? first : rest;
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
      finish();
    };
    pump();
  });
}

export const TOKEN_OK = JSON.stringify({ access_token: 'tok-1', token_type: 'Bearer', expires_in: 900 });
export const CLIENT = { clientId: 'counter-q01', clientSecret: 'bi-mat-thiet-bi-q01' };
