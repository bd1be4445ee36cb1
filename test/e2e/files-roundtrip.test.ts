import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp } from './support/browser';
import { cellTexts, clickCell, fixture, status, zoomTo100 } from './support/sheet';
import {
  downloaded,
  exportEntry,
  importFile,
  inputValues,
  openWorkbookFile,
  titleText,
} from './files-support';

// Round trips through the built browser version, with real downloads and file pickers: a workbook
// saved and opened again is the same file; a grid exported as CSV and imported is the same numbers;
// a gray PNG export imported again is within 1/255; the last workbook survives a reload.

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'convsheet-files-'));
});
afterAll(async () => {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes downloaded bytes to a file a picker can choose. */
function keep(name: string, data: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

async function chooseView(page: Page, label: string, value: string): Promise<void> {
  await page.locator('cs-app header label', { hasText: label }).locator('select').selectOption(value);
}

describe('files in the browser build', () => {
  it('saves a workbook with its view (download) and opens it again as the same file', async () => {
    const page = await openApp(browser, inject('webUrl'));
    await zoomTo100(page);
    await chooseView(page, 'colours', 'fastai');
    await chooseView(page, 'decimals', '3');
    await clickCell(page, 'conv1 filter 1', 1, 1);
    await page.keyboard.type('0.5');
    await page.keyboard.press('Enter');
    expect(await titleText(page)).toBe('Digit edges (fast.ai layout) *');

    // Never saved: Save asks for a name first.
    await page.keyboard.press('Control+s');
    const name = page.locator('cs-files form input[name="name"]');
    await name.waitFor();
    expect(await name.inputValue()).toBe('Digit edges (fast.ai layout).convsheet.json');
    await name.fill('edges');
    const saved = await downloaded(page, () => name.press('Enter'));
    expect(saved.name).toBe('edges.convsheet.json');
    expect(await titleText(page)).toBe('edges.convsheet.json');
    const text = saved.data.toString('utf8');
    expect((JSON.parse(text) as { ui: unknown }).ui).toEqual({
      zoom: 1,
      colourScale: 'fastai',
      normalise: 'layer',
      decimals: 3,
    });
    await page.close();

    // A new visit (a fresh browser profile), then File > Open.
    const again = await openApp(browser, inject('webUrl'));
    await openWorkbookFile(again, keep('edges.convsheet.json', saved.data));
    await expect.poll(() => status(again)).toBe('Opened edges.convsheet.json.');
    expect(await again.locator('cs-app .zoom').textContent()).toBe('100%');
    expect((await cellTexts(again, 'conv1 filter 1'))[1]).toEqual(['0.000', '0.500', '0.000']);
    // Saved under the name it was opened with, without asking: the very same text.
    const resaved = await downloaded(again, () => again.keyboard.press('Control+s'));
    expect(resaved.name).toBe('edges.convsheet.json');
    expect(resaved.data.toString('utf8')).toBe(text);
    await again.close();
  });

  it('keeps the last workbook across a reload, unsaved changes still marked', async () => {
    const page = await openApp(browser, inject('webUrl'));
    await zoomTo100(page);
    await clickCell(page, 'conv1 filter 2', 0, 1);
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    expect((await cellTexts(page, 'conv1 filter 2'))[0]).toEqual(['1.00', '7.00', '-1.00']);
    await page.reload();
    await page.locator('cs-app').waitFor();
    await expect.poll(() => status(page)).toBe('Welcome back: Digit edges (fast.ai layout) as you left it.');
    expect((await cellTexts(page, 'conv1 filter 2'))[0]).toEqual(['1.00', '7.00', '-1.00']);
    expect(await titleText(page)).toBe('Digit edges (fast.ai layout) *');
    // Nothing to undo: the session starts from what was kept.
    expect(await page.locator('cs-app button', { hasText: 'Undo' }).isDisabled()).toBe(true);
    await page.close();
  });

  it('a map exported as CSV and imported as an input is the same numbers, and exports the same text', async () => {
    const page = await openApp(browser, inject('webUrl'));
    await clickCell(page, 'conv1 map 1', 3, 3);
    const map = await exportEntry(page, 'conv1 map 1 as CSV');
    expect(map.name).toBe('Digit edges (fast.ai layout) - conv1 map 1.csv');
    const csv = map.data.toString('utf8');
    expect(csv.split('\r\n')).toHaveLength(27); // 26 rows and the final line end

    // The edge detectors take an input of any size: the 26 x 26 map becomes their input.
    await page
      .locator('cs-app select[aria-label="open a sample workbook"]')
      .selectOption({ label: 'Edge detectors' });
    await importFile(page, keep('map.csv', map.data));
    await page.locator('cs-import-dialog button.primary').click();
    await expect.poll(() => status(page)).toBe('Done: import map.csv as the input (1 x 26 x 26)');
    await clickCell(page, 'Input', 0, 0);
    const back = await exportEntry(page, 'Input as CSV');
    expect(back.data.toString('utf8')).toBe(csv);
    await page.close();
  });

  it('the input exported as a gray PNG and imported again is within 1/255 of the digit', async () => {
    const page = await openApp(browser, inject('webUrl'));
    const digit = fixture.input_28x28.flat();
    expect(await inputValues(page)).toEqual(digit);
    await clickCell(page, 'Input', 10, 10);
    const png = await exportEntry(page, 'Input as PNG, grayscale');
    expect(png.name).toBe('Digit edges (fast.ai layout) - Input gray.png');
    await importFile(page, keep('digit.png', png.data));
    const dialog = page.locator('cs-import-dialog');
    expect(await dialog.locator('.notes').textContent()).toBe('· PNG 28 x 28 · gray');
    expect(await dialog.locator('#invert').isChecked()).toBe(false);
    await dialog.locator('button.primary').click();
    await expect.poll(() => status(page)).toBe('Done: import digit.png as the input (1 x 28 x 28)');
    const values = await inputValues(page);
    const worst = Math.max(...digit.map((v, i) => Math.abs(v - (values[i] ?? Number.NaN))));
    expect(worst).toBeLessThanOrEqual(1 / 255);
    await page.close();
  });
});
