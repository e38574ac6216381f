import { describe, expect, it } from 'vitest';
import { APP_TITLE, appWindowArgs } from '../../../electron/host/chromium-window';

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
});
