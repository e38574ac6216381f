import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { UNIT } from '../helpers/intake';
import { typeAsOfficer } from '../helpers/keyboard';

type Host = Awaited<ReturnType<typeof startTestHost>>;

/** Where the focus is: which checklist group, and whether the officer can see it (in the viewport, not under the sticky bar). */
function focusInfo(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
      group: el.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
      type: el.type,
      checked: el.checked,
      seen: r.top >= 0 && r.bottom <= window.innerHeight && (top === el || el.closest('label')?.contains(top) === true),
    };
  });
}

describe('intake: Alt+D and Alt+P reach the document checklist and the fees from anywhere on the form', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startTestHost({ viewport: { width: 1366, height: 768 } });
    expect((await host.page.evaluate((u) => window.motcua['unit.set'](u), UNIT)).ok).toBe(true);
    await host.page.waitForSelector('nav button[data-section]');
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  it('without a procedure the keys do nothing; with one, they put the officer on the first box of each group, in view', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('F2');
    await page.keyboard.press('Alt+d');
    expect((await focusInfo(page))?.group).not.toBe('documents');

    await typeAsOfficer(page, 'chuyen nhuong');
    await page.waitForSelector('#procedure-list li.active:has-text("chuyển nhượng")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="checklist"]');
    // From the applicant's name, at the top of the form.
    await page.keyboard.press('Alt+n');
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'ChuHoSo');
    await page.keyboard.press('Alt+d');
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="documents"]') !== null);
    expect(await focusInfo(page)).toEqual({ group: 'documents', type: 'checkbox', checked: false, seen: true });
    await page.keyboard.press('Space');
    expect((await focusInfo(page))?.checked).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'intake-alt-d.png') });

    await page.keyboard.press('Alt+n');
    await page.keyboard.press('Alt+p');
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="fees"]') !== null);
    expect(await focusInfo(page)).toEqual({ group: 'fees', type: 'checkbox', checked: true, seen: true });
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-testid="fees"] p:has-text("500.000 đ")');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'intake-alt-p.png') });
  });

  it('F1 lists both keys', async () => {
    const { page } = host;
    await page.keyboard.press('F1');
    const text = (await (await page.waitForSelector('[role="dialog"]')).textContent()) ?? '';
    expect(text).toContain('Alt+D');
    expect(text).toContain('Alt+P');
    expect(text).toContain('đến danh sách thành phần hồ sơ');
    expect(text).toContain('đến nhóm phí, lệ phí');
    await page.keyboard.press('Escape');
  });
});
