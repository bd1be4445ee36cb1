import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp } from './support/browser';
import { cellTexts, status, zoomTo100 } from './support/sheet';
import { importFile, ioFixture, openWorkbookFile, titleText } from './files-support';

// Importing into the built browser version through the real file picker and the preview. The
// numbers are worked out by hand: tiny.convsheet.json sums each 3 x 3 window of its 4 x 4 input.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('importing files in the browser build', () => {
  it('a CSV, then a PNG, replace the input after the preview; a ragged CSV changes nothing', async () => {
    const page = await openApp(browser, inject('webUrl'));
    await openWorkbookFile(page, ioFixture('tiny.convsheet.json'));
    await expect.poll(() => status(page)).toBe('Opened tiny.convsheet.json.');
    expect(await titleText(page)).toBe('tiny.convsheet.json');
    await zoomTo100(page);

    // grid-4x4.csv holds 1, 2, ..., 16 row by row.
    await importFile(page, ioFixture('grid-4x4.csv'));
    const dialog = page.locator('cs-import-dialog');
    expect(await dialog.locator('.shape').textContent()).toBe('1 x 4 x 4');
    expect(await dialog.locator('.fit').textContent()).toBe(
      'Fits: the same shape as the input it replaces (1 x 4 x 4).',
    );
    await dialog.locator('button.primary').click();
    await expect.poll(() => status(page)).toBe('Done: import grid-4x4.csv as the input (1 x 4 x 4)');
    expect(await cellTexts(page, 'Input')).toEqual([
      ['1.00', '2.00', '3.00', '4.00'],
      ['5.00', '6.00', '7.00', '8.00'],
      ['9.00', '10.00', '11.00', '12.00'],
      ['13.00', '14.00', '15.00', '16.00'],
    ]);
    // 1+2+3+5+6+7+9+10+11 = 54, and the other three windows 63, 90, 99.
    expect(await cellTexts(page, 'conv1 map 1')).toEqual([
      ['54.00', '63.00'],
      ['90.00', '99.00'],
    ]);
    expect(await titleText(page)).toBe('tiny.convsheet.json *');
    expect(await page.title()).toBe('tiny.convsheet.json * – ConvSheet');

    // gray-4x4.png: pixel k (row-major) is gray 17 k, so the input becomes 17 k / 255 = k / 15.
    await importFile(page, ioFixture('gray-4x4.png'));
    expect(await dialog.locator('.notes').textContent()).toBe('· PNG 4 x 4 · gray');
    expect(await dialog.locator('#invert').isChecked()).toBe(false);
    await dialog.locator('button.primary').click();
    await expect.poll(() => status(page)).toBe('Done: import gray-4x4.png as the input (1 x 4 x 4)');
    expect(await cellTexts(page, 'Input')).toEqual([
      ['0.00', '0.07', '0.13', '0.20'],
      ['0.27', '0.33', '0.40', '0.47'],
      ['0.53', '0.60', '0.67', '0.73'],
      ['0.80', '0.87', '0.93', '1.00'],
    ]);
    // (0+1+2+4+5+6+8+9+10)/15 = 3.00; (1+2+3+5+6+7+9+10+11)/15 = 3.60; 5.40; 6.00.
    expect(await cellTexts(page, 'conv1 map 1')).toEqual([
      ['3.00', '3.60'],
      ['5.40', '6.00'],
    ]);

    await importFile(page, { name: 'ragged.csv', text: '1,2,3,4\n5,6\n' });
    expect(await dialog.locator('[role="alert"]').textContent()).toBe(
      'ragged.csv: row 2 has 2 cells but row 1 has 4: every row of the grid needs the same number of cells (comma-separated)',
    );
    expect(await dialog.locator('button.primary').isDisabled()).toBe(true);
    await dialog.locator('button.cancel').click();
    await expect.poll(() => status(page)).toMatch(/^Nothing imported: ragged\.csv: row 2 has 2 cells/);
    expect((await cellTexts(page, 'Input'))[0]).toEqual(['0.00', '0.07', '0.13', '0.20']);

    // Undo walks back through the imports: the CSV's numbers again.
    await page.locator('cs-app button', { hasText: 'Undo' }).click();
    expect((await cellTexts(page, 'Input'))[0]).toEqual(['1.00', '2.00', '3.00', '4.00']);
    await page.close();
  });

  it('a CSV dropped onto a filter goes into that filter', async () => {
    const page = await openApp(browser, inject('webUrl'));
    await openWorkbookFile(page, ioFixture('tiny.convsheet.json'));
    await zoomTo100(page);
    const target = page.locator('cs-grid[label="conv1 filter 1"] [role="grid"]');
    await target.scrollIntoViewIfNeeded();
    // A drop as the operating system delivers one: a DataTransfer holding a file.
    const data = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['0,0,0\n0,1,0\n0,0,0\n'], 'centre.csv', { type: 'text/csv' }));
      return transfer;
    });
    await target.dispatchEvent('dragover', { dataTransfer: data });
    await target.dispatchEvent('drop', { dataTransfer: data });
    const dialog = page.locator('cs-import-dialog');
    await dialog.locator('[role="dialog"]').waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Import centre.csv into conv1 filter 1');
    await dialog.locator('button.primary').click();
    await expect.poll(() => status(page)).toBe('Done: import centre.csv into conv1 filter 1');
    // The centre tap alone: each output is its window's centre, input cells 0.06, 0.07, 0.10, 0.11.
    expect(await cellTexts(page, 'conv1 map 1')).toEqual([
      ['0.06', '0.07'],
      ['0.10', '0.11'],
    ]);
    await page.close();
  });
});
