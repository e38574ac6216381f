import { describe, expect, it } from 'vitest';
import { APP_TITLE, appWindowArgs, chromiumSandbox } from '../../../electron/host/chromium-window';

describe('the Chromium host window switches', () => {
  it('opens an app window (no tabs, no address bar) in Vietnamese, maximised only with a screen', () => {
    for (const headless of [true, false]) {
      const args = appWindowArgs(headless);
      const app = args.find((a) => a.startsWith('--app='));
      expect(app, 'an --app window').toBeDefined();
      // The splash page already carries the window title, so the window never shows a URL.
      expect(decodeURIComponent(app!)).toContain(`<title>${APP_TITLE}</title>`);
      expect(args).toContain('--lang=vi-VN');
      expect(args.includes('--start-maximized')).toBe(!headless);
    }
  });

  it('never passes --disable-features, which would replace the list Playwright disables', () => {
    for (const headless of [true, false]) expect(appWindowArgs(headless).filter((a) => a.startsWith('--disable-features'))).toEqual([]);
  });

  it("keeps Chromium's sandbox on for a normal user and off only as root or when switched off explicitly", () => {
    expect(chromiumSandbox(1000, {})).toBe(true);
    expect(chromiumSandbox(null, {})).toBe(true); // Windows: no uid, always sandboxed
    expect(chromiumSandbox(0, {})).toBe(false);
    expect(chromiumSandbox(1000, { MOTCUA_CHROMIUM_NO_SANDBOX: '1' })).toBe(false);
    expect(chromiumSandbox(1000, { MOTCUA_CHROMIUM_NO_SANDBOX: '0' })).toBe(true);
  });
});
