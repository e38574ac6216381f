import type { BrowserWindowConstructorOptions } from 'electron';
import { isSafeExternalUrl } from '../common/security/external-url';
import { ELECTRON_APP_ORIGIN } from '../common/security/csp';
import { appOrigin } from '../common/security/origin';

/**
 * Pure decisions behind the Electron security checklist, kept free of the `electron` runtime so
 * each one is unit-tested without the binary. main.ts only wires them to Electron's hooks.
 */
/**
 * What a packaged build takes away: Electron's default application menu (its View menu opens
 * DevTools and reloads; the counter app has no menu of its own) and DevTools themselves, from
 * which anyone at the counter could call every channel as the signed-in officer. A development
 * build (`electron .`, not packaged) keeps both.
 */
export function packagedShellPolicy(isPackaged: boolean): { readonly removeApplicationMenu: boolean; readonly devTools: boolean } {
  return { removeApplicationMenu: isPackaged, devTools: !isPackaged };
}

/**
 * `packaged` defaults to true: a caller that does not say which build it is gets the locked-down
 * window (no DevTools) rather than the developer's.
 */
export function mainWindowOptions(preloadPath: string, iconPath?: string, build: { readonly packaged: boolean } = { packaged: true }): BrowserWindowConstructorOptions {
  return {
    // The size the window returns to when un-maximised (main.ts shows it maximised).
    width: 1366,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Một Cửa Desk',
    // Linux takes the window icon from here; Windows from the executable, which carries the same icon.
    ...(iconPath ? { icon: iconPath } : {}),
    backgroundColor: '#f4f6f8',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true, // item 3
      sandbox: true, // item 4
      nodeIntegration: false, // item 2
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true, // item 6
      allowRunningInsecureContent: false, // item 8
      experimentalFeatures: false, // item 9
      webviewTag: false, // items 11–12
      spellcheck: false,
      safeDialogs: true,
      navigateOnDragDrop: false,
      devTools: packagedShellPolicy(build.packaged).devTools,
    },
  };
}

/** Item 5: the counter app needs no camera, microphone, geolocation or notifications. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>([]);
/**
 * Electron gives the permission request handler a URL (`details.requestingUrl`) and the check
 * handler an origin string (`app://motcua/` or without the slash); both are reduced to scheme +
 * host, since `new URL('app://motcua/…').origin` is "null" and would never equal the app's origin.
 */
export function permissionAllowed(permission: string, requesting: string, allowed: ReadonlySet<string> = ALLOWED_PERMISSIONS): boolean {
  return appOrigin(requesting) === ELECTRON_APP_ORIGIN && allowed.has(permission);
}

/** Item 13: the window never leaves the app's origin. */
export function navigationAllowed(url: string): boolean {
  return appOrigin(url) === ELECTRON_APP_ORIGIN;
}

export type WindowOpenDecision = { readonly action: 'deny'; readonly openExternally: boolean };

/** Item 14: no new windows, ever; a vetted https link goes to the OS browser instead (item 15). */
export function windowOpenDecision(url: string, allowedHosts?: readonly string[]): WindowOpenDecision {
  return { action: 'deny', openExternally: isSafeExternalUrl(url, allowedHosts) };
}

/** Item 16: the Electron majors this app is tested and shipped with. */
export const SUPPORTED_ELECTRON_MAJORS = { min: 45, max: 48 } as const;
export function electronVersionSupported(version: string): boolean {
  const major = Number(version.replace(/^[^\d]*/, '').split('.')[0]);
  return Number.isInteger(major) && major >= SUPPORTED_ELECTRON_MAJORS.min && major <= SUPPORTED_ELECTRON_MAJORS.max;
}
