import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp } from './support/browser';

// Input row 8 (1-based) of the fast.ai digit starts 0.38039219379425, 0.376470625400543 at columns 12
// and 13; rows 1 to 7 are blank. So output cell (row 6, column 11), whose 3 x 3 window covers input
// rows 6-8 and columns 11-13, reads only those two non-zero pixels, through the filter's bottom row.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('walking skeleton in the browser build', () => {
  it('recomputes the convolution when a filter cell is typed', async () => {
    const page = await openApp(browser, inject('webUrl'));
    const output = page.locator('cs-grid[label="Convolution"] td[data-row="5"][data-col="10"]');
    // Top-edge filter: bottom row -1, -1, -1 gives -(0.38039219379425 + 0.376470625400543).
    await expect.poll(() => output.getAttribute('title')).toBe('row 6, column 11: -0.756862819194793');

    const filter = page.locator('cs-grid[label="Filter"]');
    await filter.locator('td[data-row="2"][data-col="1"]').click();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');

    // Bottom-middle weight is now 2: 0 x 0 + 2 x 0.38039219379425 - 0.376470625400543.
    await expect.poll(() => output.getAttribute('title')).toBe('row 6, column 11: 0.384313762187957');
    await expect.poll(() => filter.locator('td[data-row="2"][data-col="1"]').textContent()).toContain('2.00');
    await page.close();
  });

  it('refuses text that is not a number and keeps the value', async () => {
    const page = await openApp(browser, inject('webUrl'));
    const filter = page.locator('cs-grid[label="Filter"]');
    const cell = filter.locator('td[data-row="0"][data-col="0"]');
    await cell.click();
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('"abc" is not a number');
    expect((await cell.textContent())?.trim()).toBe('1.00');
    await page.close();
  });
});
