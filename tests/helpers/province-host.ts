import { afterAll, beforeAll } from 'vitest';
import { startTestHost } from './host';
import { referenceServer } from './sync';
import { tempDir } from './tmp';

export type Host = Awaited<ReturnType<typeof startTestHost>>;
export type Server = Awaited<ReturnType<typeof referenceServer>>;

const ENV = { MOTCUA_CLIENT_ID: 'counter-q01', MOTCUA_CLIENT_SECRET: 'secret-q01', MOTCUA_HTTP_TIMEOUT_MS: '20000' };

/**
 * An e2e suite's counter wired to a reference province: the server on loopback, the device
 * credentials in the environment the host reads, the admin signed in online. Registers the suite's
 * beforeAll/afterAll (a suite's own hooks run after these); the host and server are read from the
 * returned object once they have started.
 */
export function provinceHostSuite(prefix: string): { readonly host: Host; readonly server: Server } {
  const ctx = {} as { host: Host; server: Server };
  const t = tempDir(prefix);
  const saved = { ...process.env };
  beforeAll(async () => {
    ctx.server = await referenceServer(t.dir);
    Object.assign(process.env, { ...ENV, MOTCUA_API_URL: ctx.server.url });
    ctx.host = await startTestHost({ province: true });
    await ctx.host.page.waitForSelector('nav button[data-section]');
  });
  afterAll(async () => {
    await ctx.host?.close();
    await ctx.server?.close();
    for (const k of [...Object.keys(ENV), 'MOTCUA_API_URL']) if (!(k in saved)) delete process.env[k];
    ctx.host?.cleanupDir();
    t.cleanup();
  });
  return ctx;
}
