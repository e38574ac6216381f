import type { BrowserWindowConstructorOptions } from 'electron';
import { isSafeExternalUrl } from '../common/security/external-url';
import { ELECTRON_APP_ORIGIN } from '../common/security/csp';

/**
 * Pure decisions behind the Electron security checklist, kept free of the `electron` runtime so
 * each one is unit-tested without the binary. main.ts only wires them to Electron's hooks.
 */
export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
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
    },
  };
}

/** Item 5: the counter app needs no camera, microphone, geolocation or notifications. */
const ALLOWED_PERMISSIONS = new Set<string>([]);
export function permissionAllowed(permission: string, requestingOrigin: string): boolean {
  return requestingOrigin === ELECTRON_APP_ORIGIN && ALLOWED_PERMISSIONS.has(permission);
}

/** Item 13: the window never leaves the app's origin. */
export function navigationAllowed(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === ELECTRON_APP_ORIGIN;
  } catch {
    return false;
  }
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
