import { describe, expect, it } from 'vitest';
import {
  electronVersionSupported,
  mainWindowOptions,
  navigationAllowed,
  permissionAllowed,
  windowOpenDecision,
} from '../../../electron/main/security';
// electron's package.json: the version the app is built and typed against.
import electronPkg from 'electron/package.json';

describe('Electron window and session policy (checklist items testable without the binary)', () => {
  const prefs = mainWindowOptions('/p/preload.cjs').webPreferences!;
  it('2–4, 6, 8–12: hardened webPreferences', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/p/preload.cjs');
  });

  it('the window has the app title and, when given, the app icon', () => {
    expect(mainWindowOptions('/p/preload.cjs', '/r/icon.png')).toMatchObject({ title: 'Một Cửa Desk', icon: '/r/icon.png', show: false });
    expect(mainWindowOptions('/p/preload.cjs')).not.toHaveProperty('icon');
  });

  it('5: every permission request is denied', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'serial', 'hid', 'usb']) {
      expect(permissionAllowed(p, 'app://motcua')).toBe(false);
      expect(permissionAllowed(p, 'https://evil.example')).toBe(false);
    }
  });

  it('13: navigation stays on the app origin', () => {
    expect(navigationAllowed('app://motcua/index.html')).toBe(true);
    for (const u of ['https://evil.example/', 'file:///etc/passwd', 'app://motcua.evil/', 'javascript:alert(1)', 'nonsense']) {
      expect(navigationAllowed(u)).toBe(false);
    }
  });

  it('14–15: window.open is always denied; only vetted https links go to the OS browser', () => {
    expect(windowOpenDecision('https://dichvucong.gov.vn/')).toEqual({ action: 'deny', openExternally: true });
    expect(windowOpenDecision('https://evil.example/')).toEqual({ action: 'deny', openExternally: false });
    expect(windowOpenDecision('file:///C:/Windows/system32/calc.exe')).toEqual({ action: 'deny', openExternally: false });
  });

  it('16: the installed Electron is inside the supported window', () => {
    expect(electronVersionSupported(electronPkg.version)).toBe(true);
    expect(electronVersionSupported('30.0.0')).toBe(false);
    expect(electronVersionSupported('v99.1.0')).toBe(false);
  });
});
