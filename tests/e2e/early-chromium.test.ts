import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromiumExecutable, startChromiumEarly } from '../../electron/host/chromium-early';
import { launchAppWindow } from '../../electron/host/chromium-window';

/** What the app window's page says of itself: the context's options reached it. */
async function pageSays(win: Awaited<ReturnType<typeof launchAppWindow>>) {
  return win.page.evaluate(() => ({
    language: navigator.language,
    // Asia/Ho_Chi_Minh, whatever name ICU gives it: UTC+7 without summer time.
    utcOffset: -new Date('2026-06-01T00:00:00Z').getTimezoneOffset() / 60,
    width: window.innerWidth,
    title: document.title,
  }));
}

describe('Chromium started before Playwright is loaded (npm start, the cold-start bench)', () => {
  it("is the process Playwright launches the app window in: same command line, the context's locale, time zone and viewport", async () => {
    const executablePath = chromiumExecutable();
    const early = startChromiumEarly({ executablePath, headless: true });
    const win = await launchAppWindow({ executablePath, headless: true, early });
    try {
      // False here means Playwright's own switches changed: copy them again into electron/host/playwright-switches.ts.
      expect(win.adoptedEarly).toBe(true);
      expect(await pageSays(win)).toEqual({ language: 'vi-VN', utcOffset: 7, width: 1366, title: 'Một Cửa Desk' });
    } finally {
      await win.close();
    }
    expect(existsSync(early.profile.dir)).toBe(false);
  });

  it('is ended, and Playwright launches its own in the same profile, when the command lines differ', async () => {
    const executablePath = chromiumExecutable();
    const early = startChromiumEarly({ executablePath, headless: true });
    // Playwright reads this at its launch and drops a feature from its switches: as after an
    // upgrade that changed them, its command line is not the early one's.
    process.env.PLAYWRIGHT_LEGACY_SCREENSHOT = '1';
    const win = await launchAppWindow({ executablePath, headless: true, early }).finally(() => delete process.env.PLAYWRIGHT_LEGACY_SCREENSHOT);
    try {
      expect(win.adoptedEarly).toBe(false);
      expect(await pageSays(win)).toEqual({ language: 'vi-VN', utcOffset: 7, width: 1366, title: 'Một Cửa Desk' });
    } finally {
      await win.close();
    }
  });

  it('is ended with its profile when the start fails before Playwright takes it', () => {
    const early = startChromiumEarly({ executablePath: chromiumExecutable(), headless: true });
    early.dispose();
    expect(existsSync(early.profile.dir)).toBe(false);
    expect(early.take(early.executablePath, [])).toBeNull();
  });
});
