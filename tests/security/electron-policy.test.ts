import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTERNAL_HOSTS, externalHosts, isSafeExternalUrl } from '../../electron/common/security/external-url';
import { appOrigin } from '../../electron/common/security/origin';
import { mainWindowOptions, packagedShellPolicy, permissionAllowed, windowOpenDecision } from '../../electron/main/security';
import { appFixture } from './support';

const ROOT = join(__dirname, '..', '..');

describe('packaged builds: no default application menu, no DevTools', () => {
  it('a packaged build removes the menu and disables DevTools in the window itself', () => {
    expect(packagedShellPolicy(true)).toEqual({ removeApplicationMenu: true, devTools: false });
    expect(mainWindowOptions('/p/preload.cjs', undefined, { packaged: true }).webPreferences?.devTools).toBe(false);
  });

  it('a development build keeps both (the developer needs them)', () => {
    expect(packagedShellPolicy(false)).toEqual({ removeApplicationMenu: false, devTools: true });
    expect(mainWindowOptions('/p/preload.cjs', undefined, { packaged: false }).webPreferences?.devTools).toBe(true);
  });

  it('without being told, the window assumes a packaged build (fails closed)', () => {
    expect(mainWindowOptions('/p/preload.cjs').webPreferences?.devTools).toBe(false);
  });

  it('main.ts applies the policy from app.isPackaged before any window opens', () => {
    const main = readFileSync(join(ROOT, 'electron/main/main.ts'), 'utf8');
    expect(main).toMatch(/packagedShellPolicy\(app\.isPackaged\)/);
    expect(main).toMatch(/Menu\.setApplicationMenu\(null\)/);
    expect(main.indexOf('Menu.setApplicationMenu(null)')).toBeLessThan(main.indexOf('new BrowserWindow('));
  });
});

describe('permission checks compare the app:// origin correctly', () => {
  const granted = new Set(['clipboard-sanitized-write']);

  it('the origin of app://motcua is taken from scheme and host (URL.origin is "null" for it)', () => {
    expect(new URL('app://motcua/index.html').origin).toBe('null');
    expect(appOrigin('app://motcua/index.html')).toBe('app://motcua');
    expect(appOrigin('app://motcua/')).toBe('app://motcua');
    expect(appOrigin('app://motcua')).toBe('app://motcua');
    expect(appOrigin('null')).toBeNull();
    expect(appOrigin('app://user@motcua/')).toBeNull();
    expect(appOrigin('')).toBeNull();
  });

  it('a permission on the allow-list is granted to the app, whichever form Electron gives the origin in', () => {
    for (const from of ['app://motcua', 'app://motcua/', 'app://motcua/index.html']) {
      expect(permissionAllowed('clipboard-sanitized-write', from, granted), from).toBe(true);
    }
  });

  it('and to nothing else', () => {
    for (const from of ['null', 'app://motcua.evil/', 'app://motcuaa/', 'https://motcua/', 'file:///index.html', 'app://x@motcua/', 'nonsense', '']) {
      expect(permissionAllowed('clipboard-sanitized-write', from, granted), from).toBe(false);
    }
    expect(permissionAllowed('media', 'app://motcua/index.html', granted)).toBe(false);
  });

  it('the shipped allow-list is empty: the counter app needs no permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'serial', 'hid', 'usb']) {
      expect(permissionAllowed(p, 'app://motcua/index.html')).toBe(false);
    }
  });

  it('main.ts passes what Electron gives it (URL or origin string), not URL.origin', () => {
    const main = readFileSync(join(ROOT, 'electron/main/main.ts'), 'utf8');
    expect(main).not.toMatch(/new URL\([^)]*\)\.origin/);
  });
});

describe('openExternal: a short list of hosts, not all of gov.vn', () => {
  it('the default list is exact hosts', () => {
    expect(DEFAULT_EXTERNAL_HOSTS).toEqual(['dichvucong.gov.vn']);
  });

  it.each([
    ['https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html', true],
    ['https://motcua.hanoi.gov.vn/', false],
    ['https://anything.gov.vn/', false],
    ['https://gov.vn/', false],
    ['https://sub.dichvucong.gov.vn/', false],
    ['https://dichvucong.gov.vn.attacker.com/', false],
  ])('%s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
    expect(windowOpenDecision(url).openExternally).toBe(expected);
  });

  it("the configured province's own host joins the list, exactly", () => {
    const hosts = externalHosts('https://motcua.hanoi.gov.vn/api/v1');
    expect(hosts).toEqual(['dichvucong.gov.vn', 'motcua.hanoi.gov.vn']);
    expect(isSafeExternalUrl('https://motcua.hanoi.gov.vn/tra-cuu', hosts)).toBe(true);
    expect(isSafeExternalUrl('https://x.motcua.hanoi.gov.vn/', hosts)).toBe(false);
    // A plain-http (loopback) API is no reason to open anything in the browser.
    expect(externalHosts('http://127.0.0.1:8080')).toEqual(['dichvucong.gov.vn']);
    expect(externalHosts(null)).toEqual(['dichvucong.gov.vn']);
    expect(externalHosts('not a url')).toEqual(['dichvucong.gov.vn']);
  });

  it('the shell.openExternal channel applies the list', async () => {
    const f = await appFixture();
    try {
      expect(await f.call('shell.openExternal', { url: 'https://motcua.hanoi.gov.vn/' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await f.call('shell.openExternal', { url: 'https://dichvucong.gov.vn/' })).toEqual({ ok: true, value: { opened: true } });
      expect(f.opened).toEqual(['https://dichvucong.gov.vn/']);
    } finally {
      await f.close();
    }
  });
});
