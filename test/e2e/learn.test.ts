import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp } from './support/browser';

// "Learn filter" in the app, as a new user would: open the drawer, choose "Rediscover Sobel", Learn, and
// watch conv1's filter become the Sobel operator on the sheet itself; undo brings back the start.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** conv1's filter as the sheet shows it (the drawer shows a copy with the same name: not that one). */
function sheetFilter(page: Page): Promise<string[][]> {
  return page.locator('cs-sheet cs-grid[label="conv1 filter 1"] [role="grid"]').evaluate((g) => {
    const rows: string[][] = [];
    for (const cell of g.querySelectorAll<HTMLElement>('[role="gridcell"]')) {
      (rows[Number(cell.dataset.row)] ??= []).push(cell.getAttribute('aria-label') ?? '');
    }
    return rows;
  });
}

/** Sobel-x, the hidden filter the generated examples were made with, as the sheet shows it. */
const sobel = [
  ['-1.00', '0.00', '1.00'],
  ['-2.00', '0.00', '2.00'],
  ['-1.00', '0.00', '1.00'],
];

describe('Learn filter in the app', () => {
  it('rediscovers Sobel on the sheet, and the whole run is one undoable step', async () => {
    const page = await openApp(browser, inject('webUrl'));
    await page.locator('cs-app button.learn-toggle').click();
    const panel = page.locator('cs-learn-panel');
    await panel.locator('select[aria-label="example set"]').selectOption('task:sobel');
    await expect.poll(() => sheetFilter(page).then((t) => t.length)).toBe(3);
    const start = await sheetFilter(page);
    expect(start).not.toEqual(sobel);

    await panel.locator('button.primary').click();
    await expect.poll(() => panel.locator('.status').textContent(), { timeout: 60_000 }).toContain('done');
    expect(await sheetFilter(page)).toEqual(sobel);

    await page.locator('cs-app button[title="Undo (Ctrl+Z)"]').click();
    expect(await sheetFilter(page)).toEqual(start);
    await page.locator('cs-app button[title="Redo (Ctrl+Y)"]').click();
    expect(await sheetFilter(page)).toEqual(sobel);
    await page.close();
  });
});
