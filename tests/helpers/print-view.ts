import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ChromiumHost } from '../../electron/host/chromium-host';
import { tempDir } from './tmp';
import { tool } from './tools';

/** What the page's print view held when window.print was called (the stub records it; the real dialog cannot be driven). */
export interface PrintCall {
  /** Printed sheets in the view, and how many of them carry a drawn canvas. */
  readonly sheets: number;
  readonly drawn: number;
  /** Each sheet's size for print (CSS pt) and its canvas's pixels. */
  readonly sizes: ReadonlyArray<{ w: string; h: string; px: [number, number] }>;
}

/**
 * Replaces window.print in the page from its first script on (addInitScript, then a reload): each
 * call records the print view's sheets; then afterprint fires as when the dialog closes, unless
 * the test keeps the view open (`keepPrintView`) to look at it under print media. CSP refusals of
 * the page are recorded too (`cspViolations`).
 */
export async function stubPrint(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __prints: PrintCall[]; __keepPrintView: boolean; __cspViolations: string[] };
    w.__prints = [];
    w.__keepPrintView = false;
    // The print view's pdf.js and its @page rules must hold under the strict CSP: any refusal is kept.
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.print = () => {
      const sheets = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="print-view"] .print-sheet'));
      w.__prints.push({
        sheets: sheets.length,
        drawn: sheets.filter((s) => (s.querySelector('canvas')?.width ?? 0) > 0).length,
        sizes: sheets.map((s) => {
          const c = s.querySelector('canvas');
          return { w: s.style.getPropertyValue('--w'), h: s.style.getPropertyValue('--h'), px: [c?.width ?? 0, c?.height ?? 0] as [number, number] };
        }),
      });
      if (!w.__keepPrintView) window.dispatchEvent(new Event('afterprint'));
    };
  });
  await page.reload();
  await page.waitForSelector('nav button[data-section]');
}

export const printCalls = (page: Page): Promise<PrintCall[]> => page.evaluate(() => (window as unknown as { __prints: PrintCall[] }).__prints);
export const cspViolations = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
export const keepPrintView = (page: Page, keep: boolean): Promise<void> => page.evaluate((k) => void ((window as unknown as { __keepPrintView: boolean }).__keepPrintView = k), keep);

/**
 * The last document the app offered to the print view, unsealed through the app's own vault and
 * written to a folder of the test's own (outside the data directory), for pdftotext and pdfinfo.
 */
export async function lastPrinted(host: ChromiumHost, out = tempDir('motcua-printed-')): Promise<{ path: string; bytes: Buffer; cleanup: () => void }> {
  const kept = host.printed.at(-1);
  if (!kept) throw new Error('nothing was offered to the print view');
  const bytes = await host.services.docs.read(kept);
  const path = join(out.dir, `printed-${host.printed.length}.pdf`);
  writeFileSync(path, bytes);
  return { path, bytes, cleanup: out.cleanup };
}

/** The folder where versions before printing from memory put plain copies: absent, or empty, after any print. */
export const viewerLeftovers = (host: ChromiumHost): boolean => existsSync(host.services.layout.viewerDir);

/** Each page's size in points, as pdfinfo reads it (the document's own, or Chromium's PDF of the print media). */
export function pdfPageSizes(path: string): Array<[number, number]> {
  const pages = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [path]).stdout)?.[1] ?? 0);
  const info = tool('pdfinfo', ['-f', '1', '-l', String(pages), path]).stdout;
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[1]), Number(m[2])]);
}
