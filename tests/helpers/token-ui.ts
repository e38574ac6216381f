import type { Page } from 'playwright-core';

/** In any signing form: find the tokens, choose the SoftHSM2 "RSA" token and its certificate 01, type the PIN. */
export async function chooseRsaToken(page: Page, pin: string): Promise<void> {
  await page.click('[data-testid="load-tokens"]');
  await page.waitForSelector('select[name="tokenId"]');
  await page.selectOption('select[name="tokenId"]', { label: 'RSA (SoftHSM project)' });
  await page.selectOption('select[name="certId"]', '01');
  await page.fill('input[name="pin"]', pin);
}
