import { existsSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, wireChannel } from '../../electron/common/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../electron/common/security/csp';
import { fake, fakeElectronModule, invokeAs, resetFakeElectron, type FakeBrowserWindow, type FakeScreen } from '../fakes/fake-electron';
import { tempDir } from '../helpers/tmp';

/**
 * The Electron composition root as shipped (dist/main/main.cjs, built by scripts/build.mjs), run
 * under plain Node with an in-process `electron` (tests/fakes/fake-electron.ts): the windows it
 * opens and with what, the citizen display on the second screen with its own preload, which window
 * reaches which IPC rows, which events go where, the app:// protocol, and the shutdown. The
 * Electron binary itself cannot be downloaded here; what only it does is not covered by this test.
 */
const ROOT = process.cwd();
const MAIN = join(ROOT, 'dist', 'main', 'main.cjs');
const ONE_SCREEN: FakeScreen[] = [{ id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } }];
const TWO_SCREENS: FakeScreen[] = [...ONE_SCREEN, { id: 7, bounds: { x: 1366, y: 0, width: 1920, height: 1080 } }];
const UNIT = { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } };
const ADMIN = { username: 'quantri', fullName: 'Quản Trị Viên', password: 'mat-khau-quan-tri' };

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; key?: string } };
const call = (win: FakeBrowserWindow, channel: string, input: unknown = {}) => invokeAs(win, wireChannel(channel as never), input) as Promise<Answer>;

async function until(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const realLoad = (Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown })._load;

/** One start of the app as Electron runs it: `electron . --data-dir DIR`, then app ready. */
async function startMain(dataDir: string, screens: FakeScreen[]): Promise<void> {
  resetFakeElectron(screens);
  const req = createRequire(import.meta.url);
  delete req.cache[req.resolve(MAIN)];
  const argv = process.argv;
  process.argv = [argv[0]!, ROOT, '--data-dir', dataDir];
  try {
    req(MAIN);
  } finally {
    process.argv = argv;
  }
  fake.app.ready!();
  // Its last step registers the shutdown: from then on the windows and IPC are all in place.
  await until('the app to start', () => fake.app.listenerCount('window-all-closed') === 1 || fake.app.exitCode !== null);
  expect(fake.app.exitCode).toBeNull();
}

async function quitMain(): Promise<void> {
  fake.app.emit('window-all-closed');
  await until('the services to close and the app to quit', () => fake.app.quitCalls === 1);
}

describe('the Electron main process (built bundle, in-process Electron)', () => {
  const t = tempDir('motcua-electron-');
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run node scripts/build.mjs first`);
    (Module as unknown as { _load: unknown })._load = (request: string, ...rest: unknown[]) => (request === 'electron' ? fakeElectronModule : realLoad(request, ...rest));
  });
  afterAll(() => {
    (Module as unknown as { _load: unknown })._load = realLoad;
    t.cleanup();
  });

  it('one screen: the officer window only, hardened, every channel handled once; first run, then the display switched on', async () => {
    await startMain(t.dir, ONE_SCREEN);
    expect(fake.app.paths.get('userData')).toBe(t.dir);
    expect(fake.app.sandboxed).toBe(true);
    expect(fake.app.switches).toContainEqual(['lang', 'vi-VN']);
    expect(fake.menu).toBeNull(); // packaged: no default menu with its developer tools
    expect(fake.windows).toHaveLength(1);
    const [win] = fake.windows as [FakeBrowserWindow];
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs.preload).toBe(join(ROOT, 'dist', 'preload', 'preload.cjs'));
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(win.webContents.url).toBe('app://motcua/index.html');
    win.emit('ready-to-show');
    expect(win.calls).toEqual(['loadURL app://motcua/index.html', 'maximize', 'show']);
    expect([...fake.handlers.keys()].sort()).toEqual(channels.map((c) => wireChannel(c)).sort());
    // Window opening and navigation away from the app are refused (hardenContents on every WebContents).
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const nav = { defaultPrevented: false, preventDefault() { nav.defaultPrevented = true; } };
    win.webContents.emit('will-navigate', nav, 'https://example.com/');
    expect(nav.defaultPrevented).toBe(true);

    // The first run through the officer's window, as the renderer calls it.
    const setup = await call(win, 'auth.setup', { unit: UNIT, admin: ADMIN });
    expect(setup).toMatchObject({ ok: true, value: { fullName: ADMIN.fullName } });
    // A frame from elsewhere is refused whatever it asks.
    const foreign = (await fake.handlers.get(wireChannel('app.info'))!({ sender: win.webContents, senderFrame: { url: 'https://example.com/', parent: null } }, {})) as Answer;
    expect(foreign).toMatchObject({ ok: false, error: { code: 'bad_sender' } });
    // With one screen there is no display window: switching it on takes effect at the next start.
    const on = await call(win, 'display.setConfig', { enabled: true, screenId: 7 });
    expect(on).toMatchObject({ ok: true, value: { enabled: true, screenId: 7 } });
    expect(fake.windows).toHaveLength(1);

    // app:// serves the built renderer under the CSP, and nothing outside it.
    const page = await fake.appProtocol!(new Request('app://motcua/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await page.text()).toContain('<div id="root">');
    expect((await fake.appProtocol!(new Request('app://motcua/..%2f..%2fpackage.json'))).status).toBe(404);
    expect((await fake.appProtocol!(new Request('app://motcua/no-such-file.js'))).status).toBe(404);
    await quitMain();
  });

  it('two screens: the citizen display opens on the other one, reaches only its rows and gets only its event; it closes with the officer window', async () => {
    await startMain(t.dir, TWO_SCREENS);
    expect(fake.windows).toHaveLength(2);
    const [win, display] = fake.windows as [FakeBrowserWindow, FakeBrowserWindow];
    const prefs = display.options.webPreferences as Record<string, unknown>;
    expect(prefs.preload).toBe(join(ROOT, 'dist', 'preload', 'display-preload.cjs'));
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(display.options).toMatchObject({ x: 1366, y: 0, width: 1920, height: 1080, frame: false, fullscreen: true });
    expect(display.webContents.url).toBe('app://motcua/display.html');
    display.emit('ready-to-show');
    // Shown without taking the focus: the officer keeps typing in their own window.
    expect(display.calls).toEqual(['loadURL app://motcua/display.html', 'showInactive']);

    expect(await call(win, 'auth.login', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: true });
    // Each window reaches its own rows only.
    expect(await call(display, 'app.info')).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'ipc.wrongWindow' } });
    expect(await call(display, 'auth.state')).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'ipc.wrongWindow' } });
    expect(await call(win, 'display.state')).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'ipc.wrongWindow' } });
    expect(await call(display, 'display.state')).toMatchObject({ ok: true, value: { phase: 'idle' } });

    const draft = { applicantName: 'Nguyễn Văn Đức', idNumber: '001090123456', procedure: 'Đăng ký khai sinh', documents: ['Tờ khai'], fees: [{ name: 'Lệ phí', amountVnd: 8000 }], dueAt: null };
    display.webContents.sent.length = 0;
    win.webContents.sent.length = 0;
    expect(await call(win, 'display.show', { draft })).toMatchObject({ ok: true, value: { phase: 'draft' } });
    await until('the display state to reach the display', () => display.webContents.sent.length > 0);
    const toDisplay = display.webContents.sent.map((s) => s.channel);
    expect(new Set(toDisplay)).toEqual(new Set([wireChannel('display.state')]));
    const shown = display.webContents.sent.at(-1)!.payload as { phase: string; applicantName: string; idMasked: string };
    expect(shown).toMatchObject({ phase: 'draft', applicantName: 'Nguyễn Văn Đức', idMasked: '••••••••3456' });
    expect(JSON.stringify(display.webContents.sent)).not.toContain('001090123456');
    // The officer's window gets every event, its own sign-in among them; the display never does.
    expect(await call(win, 'auth.lock')).toMatchObject({ ok: true });
    await until('the sign-in event to reach the officer window', () => win.webContents.sent.some((s) => s.channel === wireChannel('auth.changed')));
    expect(display.webContents.sent.some((s) => s.channel === wireChannel('auth.changed'))).toBe(false);

    win.close();
    expect(display.isDestroyed()).toBe(true);
    await quitMain();
  });

  it('the preloads as built: the officer window gets the whole contract, the display its two channels and one event, neither ipcRenderer', async () => {
    resetFakeElectron(ONE_SCREEN);
    const req = createRequire(import.meta.url);
    const load = (name: string) => {
      const file = join(ROOT, 'dist', 'preload', name);
      delete req.cache[req.resolve(file)];
      fake.exposed.clear();
      req(file);
      expect([...fake.exposed.keys()]).toEqual(['motcua']);
      return fake.exposed.get('motcua') as Record<string, (input?: unknown) => Promise<unknown>> & { on: (e: string, cb: (p: unknown) => void) => () => void };
    };
    const officer = load('preload.cjs');
    expect(Object.keys(officer).filter((k) => k !== 'on').sort()).toEqual([...channels].sort());
    const display = load('display-preload.cjs');
    expect(Object.keys(display).sort()).toEqual(['display.rate', 'display.state', 'on']);
    expect(Object.isFrozen(display)).toBe(true);
    await display['display.rate']!({ rating: 5 });
    expect(fake.invoked.at(-1)).toEqual({ channel: wireChannel('display.rate'), input: { rating: 5 } });
    // Only display.state is delivered, and only its payload (never Electron's event object).
    const got: unknown[] = [];
    display.on('display.state', (p) => got.push(p));
    display.on('auth.changed', (p) => got.push(p));
    const ipc = fakeElectronModule.ipcRenderer;
    ipc.emit(wireChannel('auth.changed'), { sender: 'event' }, { officer: null });
    ipc.emit(wireChannel('display.state'), { sender: 'event' }, { phase: 'idle' });
    expect(got).toEqual([{ phase: 'idle' }]);
  });
});
