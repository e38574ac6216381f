import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { fakeSafeStorage } from './fake-safe-storage';

/**
 * An in-process stand-in for the `electron` module, enough for electron/main's composition root to
 * run under plain Node (the Electron binary cannot be downloaded here). It records what main asks of
 * Electron (windows and their options, IPC handlers, protocol handler, permission handlers, menu)
 * and lets a test play Electron's side: fire app and window events, call an IPC handler as a given
 * window, request an app:// URL. Nothing of Electron's own behaviour (sandbox, CSP enforcement,
 * rendering) is imitated: the Chromium host's e2e tests cover the renderer.
 */
export interface FakeScreen {
  readonly id: number;
  readonly bounds: { x: number; y: number; width: number; height: number };
}

type IpcHandler = (event: unknown, input: unknown) => Promise<unknown>;

export class FakeWebContents extends EventEmitter {
  static #next = 1;
  readonly id = FakeWebContents.#next++;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  url = '';
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly calls: string[] = [];
  #destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    fake.windows.push(this);
    fake.app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    this.calls.push(`loadURL ${url}`);
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  maximize(): void {
    this.calls.push('maximize');
  }
  show(): void {
    this.calls.push('show');
  }
  showInactive(): void {
    this.calls.push('showInactive');
  }
  close(): void {
    if (this.#destroyed) return;
    this.calls.push('close');
    this.#destroyed = true;
    this.emit('closed');
  }
}

const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  quitCalls: 0,
  exitCode: null as number | null,
  paths: new Map<string, string>(),
  switches: [] as string[][],
  sandboxed: false,
  ready: null as null | (() => void),
  setPath(name: string, value: string) {
    app.paths.set(name, value);
  },
  getVersion: () => '0.0.0-fake-electron',
  enableSandbox() {
    app.sandboxed = true;
  },
  commandLine: { appendSwitch: (...a: string[]) => void app.switches.push(a) },
  requestSingleInstanceLock: () => true,
  quit() {
    app.quitCalls++;
  },
  exit(code: number) {
    app.exitCode = code;
  },
  whenReady(): Promise<void> {
    return new Promise((resolve) => {
      app.ready = resolve;
    });
  },
});

/** The one instance `require('electron')` answers with; `resetFakeElectron` gives a fresh Electron between two starts. */
export const fake = {
  app,
  windows: [] as FakeBrowserWindow[],
  handlers: new Map<string, IpcHandler>(),
  schemes: [] as unknown[],
  appProtocol: null as null | ((req: Request) => Promise<Response>),
  menu: undefined as unknown,
  permissionRequest: null as null | ((wc: FakeWebContents, permission: string, cb: (ok: boolean) => void, details: { requestingUrl: string }) => void),
  screens: [{ id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } }] as FakeScreen[],
  primaryId: 1,
  opened: [] as string[],
  /** What a preload put on `window` (contextBridge.exposeInMainWorld). */
  exposed: new Map<string, unknown>(),
  /** What a preload invoked over ipcRenderer. */
  invoked: [] as Array<{ channel: string; input: unknown }>,
};

export function resetFakeElectron(screens: FakeScreen[]): void {
  app.removeAllListeners();
  app.quitCalls = 0;
  app.exitCode = null;
  app.ready = null;
  fake.windows.length = 0;
  fake.handlers.clear();
  fake.appProtocol = null;
  fake.menu = undefined;
  fake.permissionRequest = null;
  fake.screens = screens;
  fake.opened.length = 0;
  fake.exposed.clear();
  fake.invoked.length = 0;
}

/** What `require('electron')` returns. */
export const fakeElectronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
  ipcMain: {
    handle(channel: string, h: IpcHandler) {
      if (fake.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      fake.handlers.set(channel, h);
    },
  },
  Menu: {
    setApplicationMenu(m: unknown) {
      fake.menu = m;
    },
  },
  // Electron's net.fetch reads file: URLs; Node's fetch does not.
  net: {
    async fetch(url: string): Promise<Response> {
      try {
        return new Response(await readFile(fileURLToPath(url)), { status: 200, headers: { 'Content-Type': 'application/octet-stream' } });
      } catch {
        return new Response('', { status: 404 });
      }
    },
  },
  protocol: {
    registerSchemesAsPrivileged(s: unknown[]) {
      fake.schemes.push(...s);
    },
    handle(scheme: string, h: (req: Request) => Promise<Response>) {
      if (scheme === 'app') fake.appProtocol = h;
    },
  },
  safeStorage: fakeSafeStorage(),
  screen: {
    getAllDisplays: () => fake.screens,
    getPrimaryDisplay: () => fake.screens.find((s) => s.id === fake.primaryId)!,
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler(h: typeof fake.permissionRequest) {
        fake.permissionRequest = h;
      },
      setPermissionCheckHandler() {},
    },
  },
  contextBridge: {
    exposeInMainWorld(name: string, api: unknown) {
      fake.exposed.set(name, api);
    },
  },
  ipcRenderer: Object.assign(new EventEmitter(), {
    async invoke(channel: string, input: unknown) {
      fake.invoked.push({ channel, input });
      return { ok: true, value: null };
    },
  }),
  shell: {
    openExternal: async (url: string) => void fake.opened.push(url),
    openPath: async (path: string) => (fake.opened.push(path), ''),
  },
};

/** An IPC call as Electron would deliver it from `win`'s main frame. */
export function invokeAs(win: FakeBrowserWindow, channel: string, input: unknown): Promise<unknown> {
  const h = fake.handlers.get(channel);
  if (!h) throw new Error(`no handler for ${channel}`);
  return h({ sender: win.webContents, senderFrame: { url: win.webContents.url, parent: null } }, input);
}
