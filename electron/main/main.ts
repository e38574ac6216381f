/**
 * Electron composition root: builds the shared services, wires them to Electron's hooks, and
 * opens the window. No feature logic lives here; see electron/node for that.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, screen, session, shell, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { channels, wireChannel } from '../common/ipc/contract';
import { CONTENT_SECURITY_POLICY, ELECTRON_APP_ORIGIN } from '../common/security/csp';
import { createAppServices, type AppServices } from '../node/app/app-services';
import { resolveAppRequest } from '../node/app/static-files';
import { dataDirFromArgv, resolveDataDir } from '../node/config/paths';
import { resourcesDir } from '../node/config/resources';
import { createLogger, errorCode } from '../node/log/logger';
import { serialScannerFactory } from '../../native/serial/serial-scanner';
import { printerFactory } from '../../native/escpos/printer-factory';
import { serialportLister } from '../../native/serial/serialport-lister';
import { lazyPkcs11Token } from '../../native/pkcs11/lazy-token';
import { osKeyringStore } from '../../native/keyring/os-keyring-store';
import { safeStorageStore } from './safe-storage-store';
import { DISPLAY_EVENTS } from '../common/ipc/display-contract';
import { citizenScreen, citizenWindowBounds } from './display-placement';
import { mainWindowOptions, navigationAllowed, packagedShellPolicy, permissionAllowed, windowOpenDecision } from './security';

const log = createLogger({ scope: 'main' });
const dataDir = resolveDataDir(dataDirFromArgv(process.argv));
app.setPath('userData', dataDir);

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
// Vietnamese for Chromium's own strings (context menus, <input type=date>) and navigator.language,
// whatever language Windows itself is set to on the counter PC.
app.commandLine.appendSwitch('lang', 'vi-VN');

if (!app.requestSingleInstanceLock()) app.quit();

const shellPolicy = packagedShellPolicy(app.isPackaged);

function hardenContents(wc: WebContents): void {
  wc.setWindowOpenHandler(({ url }) => {
    const d = windowOpenDecision(url);
    if (d.openExternally) void shell.openExternal(url);
    return { action: 'deny' };
  });
  wc.on('will-navigate', (e, url) => {
    if (!navigationAllowed(url)) e.preventDefault();
  });
  wc.on('will-redirect', (e, url) => {
    if (!navigationAllowed(url)) e.preventDefault();
  });
  wc.on('will-attach-webview', (e) => e.preventDefault());
}

/** The citizen display's window, when open: its calls are answered as the display's (dispatcher window gate). */
let displayWin: BrowserWindow | null = null;

function registerIpc(services: AppServices): void {
  for (const channel of channels) {
    ipcMain.handle(wireChannel(channel), (event, input: unknown) =>
      services.dispatcher.dispatch(
        {
          url: event.senderFrame?.url,
          isMainFrame: event.senderFrame != null && event.senderFrame.parent === null,
          window: displayWin !== null && !displayWin.isDestroyed() && event.sender.id === displayWin.webContents.id ? 'display' : 'app',
        },
        channel,
        input,
      ),
    );
  }
}

async function start(): Promise<void> {
  // Before any window exists, or it gets Electron's default menu (View → Toggle Developer Tools).
  if (shellPolicy.removeApplicationMenu) Menu.setApplicationMenu(null);
  const rendererRoot = join(__dirname, '..', 'renderer');
  const services = await createAppServices({
    dataDir,
    appVersion: app.getVersion(),
    host: 'electron',
    allowedOrigin: ELECTRON_APP_ORIGIN,
    log,
    scannerFactory: serialScannerFactory,
    printerFactory,
    serialPorts: serialportLister,
    tokenFactory: lazyPkcs11Token,
    // safeStorage first (DPAPI/Keychain/libsecret); the OS keyring where safeStorage is plain text; then the key file.
    secretStores: [safeStorageStore(safeStorage), osKeyringStore({ dataDir })],
    warmReports: true,
    shell: {
      openExternal: (url) => shell.openExternal(url),
      pickFiles: async () => {
        const r = await dialog.showOpenDialog({
          title: 'Chọn tệp scan hồ sơ',
          properties: ['openFile', 'multiSelections'],
          filters: [{ name: 'PDF, JPG, PNG', extensions: ['pdf', 'jpg', 'jpeg', 'png'] }],
        });
        return r.canceled ? [] : r.filePaths;
      },
      // Only the report the user exported to Documents (clear there by intent). Kept documents print
      // from the renderer's print view (pdf.js canvases), never through Chromium's built-in PDF viewer.
      openPdf: async (path) => (await shell.openPath(path)) === '',
      pickFolder: async () => {
        const r = await dialog.showOpenDialog({ title: 'Chọn thư mục lưu tệp đã ký', properties: ['openDirectory', 'createDirectory'] });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      openPath: async (path) => (await shell.openPath(path)) === '',
    },
  });
  await services.start();

  protocol.handle('app', async (req) => {
    const file = resolveAppRequest(req.url, ELECTRON_APP_ORIGIN, rendererRoot);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });

  const ses = session.defaultSession;
  // What Electron gives (the requesting frame's URL, or an origin string) goes to the policy as is:
  // URL.origin of app://motcua/… is "null" and would never compare equal.
  ses.setPermissionRequestHandler((wc, permission, cb, details) => cb(permissionAllowed(permission, details.requestingUrl || wc.getURL())));
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin));

  registerIpc(services);
  app.on('web-contents-created', (_e, wc) => hardenContents(wc));

  const icon = join(resourcesDir(), 'icon.png');
  const win = new BrowserWindow(mainWindowOptions(join(__dirname, '..', 'preload', 'preload.cjs'), existsSync(icon) ? icon : undefined, { packaged: app.isPackaged }));
  const unsubscribe = services.hub.subscribe((name, payload) => {
    if (!win.isDestroyed()) win.webContents.send(wireChannel(name), payload);
  });
  // The counter works in this one window all day: open it maximised (maximize() also shows it).
  win.once('ready-to-show', () => {
    win.maximize();
    win.show();
  });
  win.on('closed', unsubscribe);
  await win.loadURL(`${ELECTRON_APP_ORIGIN}/index.html`);
  await openCitizenDisplay(services, existsSync(icon) ? icon : undefined);
  // The citizen's screen has no controls of its own: it goes when the officer's window does.
  win.on('closed', () => displayWin?.close());
  services.monitor.start();

  app.on('window-all-closed', () => {
    void services.close().finally(() => app.quit());
  });
}

/** The citizen display on the second screen, when switched on and a second screen exists (placement: display-placement.ts). */
async function openCitizenDisplay(services: AppServices, icon: string | undefined): Promise<void> {
  const cfg = await services.display.config();
  const target = cfg.enabled ? citizenScreen(screen.getAllDisplays(), screen.getPrimaryDisplay().id, cfg.screenId) : null;
  if (!target) return;
  // Its own preload: the citizen's page gets the display's two channels, not the officer's API.
  const opts = mainWindowOptions(join(__dirname, '..', 'preload', 'display-preload.cjs'), icon, { packaged: app.isPackaged });
  const w = new BrowserWindow({ ...opts, ...citizenWindowBounds(target), minWidth: 0, minHeight: 0, frame: false, fullscreen: true, title: 'Một Cửa Desk — Màn hình công dân' });
  displayWin = w;
  // Only its own state reaches it: never a scanned card, the sign-in or sync details.
  const off = services.hub.subscribe((name, payload) => {
    if (DISPLAY_EVENTS.has(name) && !w.isDestroyed()) w.webContents.send(wireChannel(name), payload);
  });
  w.once('ready-to-show', () => w.showInactive());
  w.on('closed', () => {
    off();
    displayWin = null;
  });
  await w.loadURL(`${ELECTRON_APP_ORIGIN}/display.html`);
}

app.whenReady().then(start, (e: unknown) => {
  log.error('start failed', { error: errorCode(e) });
  app.exit(1);
});
