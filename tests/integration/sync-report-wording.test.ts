import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { contract } from '../../electron/common/ipc/contract';
import { wordingOfText } from '../../electron/common/ipc/net-wording';
import { errorText, type AppFailure } from '../../electron/common/ipc/result';
import { syncHandlers } from '../../electron/node/ipc/handlers/sync';
import type { HandlerEnv } from '../../electron/node/ipc/handlers/env';
import type { SyncReport } from '../../electron/node/sync/sync-engine';
import { motcuaAsync } from '../helpers/cli';
import { intakeFixture, OFFICER, OFFICER_PASSWORD } from '../helpers/intake';
import { dossiers, engineFor, referenceServer } from '../helpers/sync';
import { serverPerTest } from '../helpers/sync-suite';

type F = Awaited<ReturnType<typeof intakeFixture>>;
type S = Awaited<ReturnType<typeof referenceServer>>;

/**
 * Issue #16: a sync run's report lines carry the key they were made with. Matching their Vietnamese
 * back to a template only knows net.* and pull.* reasons, so a refusal this PC made (a damaged
 * file) or a server's own words around a dossier code stayed Vietnamese on an English screen.
 */
describe("a sync run's report lines carry their key, and the panel and the CLI word them from it", () => {
  let f: F;
  let server: S;
  serverPerTest((x) => ({ f, server } = x));

  /** The scan's sealed file replaced by another valid one: its content no longer matches its sha256. */
  async function damageTheScan(): Promise<{ code: string; file: string }> {
    const [code] = await dossiers(f, 1, { attachmentSize: 4096 });
    const att = await f.store.exec('att', (db) => db.prepare('SELECT sha256, file_name AS file FROM attachments').get() as { sha256: string; file: string });
    const other = Buffer.from((await f.files.readVerified(att.sha256))!);
    other.fill(0x41, 100, 200);
    const stored = await f.files.putBuffer(other, 'other.pdf', 'application/pdf');
    writeFileSync(f.files.pathOf(att.sha256), readFileSync(stored.path));
    return { code: code!, file: att.file };
  }

  it("a refusal this PC made: the line keeps its Vietnamese, and its key words it in English", async () => {
    const { code, file } = await damageTheScan();
    const r = await engineFor(f, server.url).runOnce({ pulls: false });
    const wording = { key: 'net.itemReason', params: { code, reason: { key: 'sync.attachmentDamaged', params: { file } } } };
    expect(r.errors).toEqual([{ text: `${code}: Tệp ${file} trong máy đã hỏng hoặc bị xóa.`, wording }]);
    const line = r.errors[0]!;
    expect(errorText({ message: line.text, ...line.wording }, 'en')).toBe(`Dossier ${code}: File ${file} on this PC is damaged or deleted.`);
    // What reading the text back gave: nothing, so the line was shown in Vietnamese.
    expect(wordingOfText(line.text)).toBeNull();
  });

  it("the server's own words stay as they came, inside a keyed line", async () => {
    const [code] = await dossiers(f, 1, { attachmentSize: 0 });
    await f.store.exec('z', (db) => db.prepare("UPDATE dossiers SET chu_ho_so = '' WHERE ma_ho_so = ?").run(code));
    const r = await engineFor(f, server.url).runOnce({ pulls: false });
    expect(r.rejected).toBe(1);
    expect(r.errors).toEqual([{ text: `${code}: Hồ sơ thiếu trường bắt buộc.`, wording: { key: 'net.itemReason', params: { code, reason: 'Hồ sơ thiếu trường bắt buộc.' } } }]);
    expect(errorText({ message: r.errors[0]!.text, ...r.errors[0]!.wording }, 'en')).toBe(`Dossier ${code}: Hồ sơ thiếu trường bắt buộc.`);
  });

  it("the app's sync run keeps the first line's key, and sync.now hands it to the panel within its contract", async () => {
    const { code, file } = await damageTheScan();
    const saved = { ...process.env };
    Object.assign(process.env, { MOTCUA_API_URL: server.url, MOTCUA_CLIENT_ID: 'counter-q01', MOTCUA_CLIENT_SECRET: 'secret-q01' });
    let report: SyncReport | null;
    try {
      report = await f.core.sync.trigger('test');
    } finally {
      process.env = saved;
    }
    const wording = { key: 'net.itemReason', params: { code, reason: { key: 'sync.attachmentDamaged', params: { file } } } };
    expect(f.core.sync.lastError).toBe(`${code}: Tệp ${file} trong máy đã hỏng hoặc bị xóa.`);
    expect(f.core.sync.lastErrorKey).toEqual(wording);
    const handlers = syncHandlers({ core: { sync: { syncNow: async () => ({ report, retried: 0, heldForCorrection: 0 }) }, actorOf: async (a: unknown) => a } } as unknown as HandlerEnv);
    const out = contract['sync.now'].output.parse(await handlers['sync.now']({}, { officer: OFFICER } as never));
    expect(out).toMatchObject({ ran: true, rejected: 1, messageKey: wording });
    expect(errorText({ message: out.message!, ...out.messageKey }, 'en')).toBe(`Dossier ${code}: File ${file} on this PC is damaged or deleted.`);
  });

  it("resending a rejected dossier while the province cannot be reached: the read's reason is keyed inside the failure", async () => {
    const [code] = await dossiers(f, 1, { attachmentSize: 0 });
    const port = await closedPort();
    const e = await engineFor(f, `http://127.0.0.1:${port}`).resend(code!).then(() => null, (x: unknown) => x as AppFailure);
    const refused = { key: 'sys.refused', params: { path: `127.0.0.1:${port}` } };
    expect(e).toMatchObject({ key: 'sync.readFailed', params: { code, reason: { key: 'net.sessionReason', params: { reason: refused } } } });
    expect(errorText(e!, 'en')).toBe(`Dossier ${code} cannot be read from the provincial server: asking for a session: 127.0.0.1:${port} refused the connection`);
  });

  it('motcua sync --once prints the line in English under MOTCUA_LANG=en', async () => {
    const { code, file } = await damageTheScan();
    const env = { MOTCUA_API_URL: server.url, MOTCUA_CLIENT_ID: 'counter-q01', MOTCUA_CLIENT_SECRET: 'secret-q01', MOTCUA_OFFICER: 'canbo01', MOTCUA_PASSWORD: OFFICER_PASSWORD, MOTCUA_LOG_LEVEL: 'error' };
    // Not spawnSync: the reference server answers from this process's event loop.
    const en = await motcuaAsync(['sync', '--once', '--timeout', '60', '--data-dir', f.dir], { ...env, MOTCUA_LANG: 'en' });
    expect(en.code, en.stderr).toBe(0);
    expect(en.stderr).toContain(`  Dossier ${code}: File ${file} on this PC is damaged or deleted.`);
    expect(en.stderr).not.toContain('trong máy');
  }, 60_000);
});

/** A port that was free a moment ago: nothing listens, so the connection is refused. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
