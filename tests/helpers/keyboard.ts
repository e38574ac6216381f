import type { Page } from 'playwright-core';
import { MAX_GAP_MS } from '../../renderer/src/wedge';

/**
 * The gap between an officer's keys in a test. Playwright types with no gap at all, as a wedge
 * scanner does: eight such keys and an Enter within MAX_GAP_MS of the last are taken for a scan
 * (the text is taken back out of the field). People never type that fast; a test typing text of
 * eight keys or more that it then confirms with Enter types at a human's pace. A test that calibrates
 * the scanner (up to 120 ms, wedge-timing.ts) types slower than that, or resets it first.
 */
export const OFFICER_KEY_GAP_MS = MAX_GAP_MS + 15;

export function typeAsOfficer(page: Page, text: string): Promise<void> {
  return page.keyboard.type(text, { delay: OFFICER_KEY_GAP_MS });
}
