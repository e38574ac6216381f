import type { Page } from 'playwright-core';
import { WEDGE_GAP_DEFAULT_MS } from '../../electron/common/domain/wedge-timing';

/**
 * The gap between an officer's keys in a test. Playwright types with no gap at all, as a wedge
 * scanner does: eight such keys and an Enter within WEDGE_GAP_DEFAULT_MS of the last are taken for a scan
 * (the text is taken back out of the field). People never type that fast; a test typing text of
 * eight keys or more that it then confirms with Enter types at a human's pace. A test that calibrates
 * the scanner (up to 120 ms, wedge-timing.ts) types slower than that, or resets it first.
 */
export const OFFICER_KEY_GAP_MS = WEDGE_GAP_DEFAULT_MS + 15;

export function typeAsOfficer(page: Page, text: string): Promise<void> {
  return page.keyboard.type(text, { delay: OFFICER_KEY_GAP_MS });
}

/**
 * A keyboard-wedge scanner typing `keys` and Enter, one key every `gapMs`, as real key events into
 * the focused field. Each event carries its own timestamp, so the pace the page sees is the one
 * asked for whatever the load: page.keyboard.type paces keys by one Node↔Chromium round trip each,
 * which on a loaded machine stretches past the burst gap and cuts the scan into pieces.
 */
export async function wedgeScan(page: Page, keys: string | readonly string[], gapMs = 4): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const all = [...keys, 'Enter'];
  // Stamps start now and run ahead of the keys' arrival: Chromium gives an event stamped before
  // the last input it saw (a click on the field, a key) that event's arrival time instead.
  const t0 = Date.now() / 1000;
  for (const [i, key] of all.entries()) {
    const at = t0 + (i * gapMs) / 1000;
    const special = key === 'Enter' ? { code: 'Enter', windowsVirtualKeyCode: 13 } : key === 'Process' ? { windowsVirtualKeyCode: 229 } : {};
    const typed = key === 'Enter' ? '\r' : key === 'Process' ? '' : key;
    await cdp.send('Input.dispatchKeyEvent', { type: typed ? 'keyDown' : 'rawKeyDown', key, text: typed, unmodifiedText: typed, timestamp: at, ...special });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, timestamp: at + 0.002, ...special });
  }
  await cdp.detach();
}

/** A fresh intake form (Alt+1, Esc) with the procedure `title` chosen by typing `query` in the picker and Enter, as an officer does. */
export async function chooseProcedureByKeyboard(page: Page, query = 'khai sinh', title = 'Đăng ký khai sinh'): Promise<void> {
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'procedure');
  await typeAsOfficer(page, query);
  await page.waitForSelector(`#procedure-list li.active:has-text("${title}")`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="due-preview"]');
}
