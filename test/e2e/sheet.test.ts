import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp } from './support/browser';
import {
  cellTexts,
  clickCell,
  correlate,
  fixture,
  formula,
  grid,
  relu,
  shown,
  status,
  zoomTo100,
} from './support/sheet';

// Every expected number here is computed in this file from the fast.ai digit and filters in the
// fixture, by the sum of products a student would write; nothing is taken from the code under test.

const digit = fixture.input_28x28;
const topEdge = [
  [1, 1, 1],
  [0, 0, 0],
  [-1, -1, -1],
];
const leftEdge = [
  [1, 0, -1],
  [1, 0, -1],
  [1, 0, -1],
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function typeFilter(page: Page, label: string, rows: number[][]): Promise<void> {
  for (const [r, row] of rows.entries()) {
    await clickCell(page, label, r, 0);
    for (const [c, v] of row.entries()) {
      await page.keyboard.type(String(v));
      await page.keyboard.press(c < row.length - 1 ? 'Tab' : 'Enter');
    }
  }
}

describe('the sheet in the browser build, as a new user tries it', () => {
  it('shows the digit; typing the horizontal-edge filter leaves only horizontal strokes lit after ReLU', async () => {
    const page = await openApp(browser, inject('webUrl'));
    await expect.poll(() => grid(page, 'Input').count()).toBe(1);
    await zoomTo100(page);
    expect((await cellTexts(page, 'Input'))[8]?.slice(3, 6)).toEqual(['0.35', '0.54', '0.92']);

    // Start from the identity, so the typed filter is what changes the maps.
    await page.locator('select[aria-label="conv1 filter 1 preset"]').selectOption('identity');
    await expect
      .poll(async () => (await cellTexts(page, 'relu1 map 1'))[7]?.[7])
      .toBe(shown(digit[8]?.[8] ?? NaN));

    await typeFilter(page, 'conv1 filter 1', [
      [1, 1, 1],
      [0, 0, 0],
      [-1, -1, -1],
    ]);
    expect(await cellTexts(page, 'conv1 filter 1')).toEqual([
      ['1.00', '1.00', '1.00'],
      ['0.00', '0.00', '0.00'],
      ['-1.00', '-1.00', '-1.00'],
    ]);
    await expect
      .poll(() => page.locator('select[aria-label="conv1 filter 1 preset"]').inputValue())
      .toBe('fastai-top-edge');

    const raw = correlate(digit, topEdge);
    // Output (6, 11), 1-based, reads input rows 6-8 and columns 11-13: only row 8 is non-zero there.
    expect(raw[5]?.[10]).toBeCloseTo(-(0.38039219379425 + 0.376470625400543), 14);
    expect((await cellTexts(page, 'conv1 map 1'))[5]?.[10]).toBe('-0.76');
    const lit = relu(raw);
    // A map off screen names its cells in idle time, just after the recompute.
    await expect.poll(() => cellTexts(page, 'relu1 map 1')).toEqual(lit.map((r) => r.map((v) => shown(v))));
    // Across the vertical stroke (rows 13-15, columns 18-20) the rows are alike: nothing stays lit.
    expect(lit[12]?.[17]).toBeLessThan(0.05);
    // At the bottom edge of the top bar (rows 10-12, columns 7-9) the bright row sits above the dark one.
    expect(lit[9]?.[6]).toBeGreaterThan(2.9);
    await page.close();
  });

  it('explains a conv2 cell: its formula across both channels with the bias, and the numbers', async () => {
    const page = await openApp(browser, inject('webUrl'));
    await zoomTo100(page);
    const maps = [relu(correlate(digit, topEdge)), relu(correlate(digit, leftEdge))];
    const filter = fixture.conv2_filters_2x2x3x3[0] ?? [];
    const bias = 0.1;
    expect(await cellTexts(page, 'conv2 bias 1')).toEqual([['0.10']]);
    const [y, x] = [9, 12];
    let sum = bias;
    const groups = [0, 1].map((c) => {
      const terms: string[] = [];
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          const a = maps[c]?.[y + i]?.[x + j] ?? NaN;
          const w = filter[c]?.[i]?.[j] ?? NaN;
          sum += a * w;
          terms.push(`${shown(a)}×${shown(w)}`);
        }
      }
      return `ch${c + 1}: (${terms.join(' + ')})`;
    });
    await clickCell(page, 'conv2 map 1', y, x);
    await expect.poll(() => formula(page)).toContain(`${groups.join(' + ')} + 0.10 = ${shown(sum)}`);
    expect(await page.locator('cs-inspector .name').textContent()).toBe('conv2 map 1 · row 10, column 13');
    expect(await formula(page)).toContain('receptive field: 5 x 5 input cells, rows 10-14, columns 13-17');
    expect((await cellTexts(page, 'conv2 map 1'))[y]?.[x]).toBe(shown(sum));
    // Its precedents one layer back are outlined: the 3 x 3 window on each relu1 map.
    const marked = await grid(page, 'relu1 map 2').evaluate(
      (g) => g.querySelectorAll('[data-mark="2"]').length,
    );
    expect(marked).toBe(9);
    await page.close();
  });

  it('pastes a 3 x 3 block copied from a spreadsheet as a filter, and undoes it', async () => {
    const page = await openApp(browser, inject('webUrl'));
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('webUrl') });
    await zoomTo100(page);
    // As Excel puts it on the clipboard: tab-separated, CRLF line ends, a trailing newline.
    const sobel = [
      [1, 2, 1],
      [0, 0, 0],
      [-1, -2, -1],
    ];
    await page.evaluate(
      (t) => navigator.clipboard.writeText(t),
      sobel.map((r) => r.join('\t')).join('\r\n') + '\r\n',
    );
    await clickCell(page, 'conv1 filter 2', 0, 0);
    await page.keyboard.press('Control+V');
    await expect
      .poll(() => cellTexts(page, 'conv1 filter 2'))
      .toEqual(sobel.map((r) => r.map((v) => shown(v))));
    const pasted = correlate(digit, sobel);
    expect(await cellTexts(page, 'conv1 map 2')).toEqual(pasted.map((r) => r.map((v) => shown(v))));

    await page.keyboard.press('Control+Z');
    await expect
      .poll(() => cellTexts(page, 'conv1 filter 2'))
      .toEqual(leftEdge.map((r) => r.map((v) => shown(v))));
    expect(await cellTexts(page, 'conv1 map 2')).toEqual(
      correlate(digit, leftEdge).map((r) => r.map((v) => shown(v))),
    );
    expect(await status(page)).toContain('Undone');

    await page.keyboard.press('Control+Y');
    await expect
      .poll(() => cellTexts(page, 'conv1 filter 2'))
      .toEqual(sobel.map((r) => r.map((v) => shown(v))));
    await page.close();
  });

  it('refuses text that is not a number, in a cell or pasted, and keeps the values', async () => {
    const page = await openApp(browser, inject('webUrl'));
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('webUrl') });
    await zoomTo100(page);
    await clickCell(page, 'conv1 filter 1', 0, 0);
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await expect.poll(() => status(page)).toContain('"abc" is not a number');
    await page.evaluate(() => navigator.clipboard.writeText('1\t2\t3\n4\tfive\t6\n'));
    await page.keyboard.press('Control+V');
    await expect
      .poll(() => status(page))
      .toContain('pasted row 2, column 2: "five" is not a number; nothing was changed');
    expect(await cellTexts(page, 'conv1 filter 1')).toEqual(topEdge.map((r) => r.map((v) => shown(v))));
    await page.close();
  });
});
