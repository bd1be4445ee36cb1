import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp } from './support/browser';
import { status } from './support/sheet';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

function block(page: Page, layer: number) {
  return page.locator(`cs-sheet section.block[data-layer="${layer}"]`);
}

async function setSetting(page: Page, name: string, value: string): Promise<void> {
  const field = page.locator(`cs-layer-settings [name="${name}"]`);
  await field.fill(value);
  await field.press('Enter');
}

describe('layer controls in the browser build', () => {
  it('changes a kernel size live, explains an impossible stride beside the control and keeps the sheet', async () => {
    const page = await openApp(browser, inject('webUrl'));
    await page.locator('cs-layer-panel button.layer', { hasText: 'conv1' }).click();
    await setSetting(page, 'kernel', '5');
    await expect.poll(() => block(page, 0).locator('.shape').textContent()).toBe('2 x 24 x 24');
    expect(await block(page, 0).locator('.formula').first().textContent()).toBe(
      'rows: floor((28 + 2*0 - 1*(5 - 1) - 1) / 1) + 1 = 24',
    );
    // The dense layer was refitted to the new flattened size: 2 x 11 x 11.
    await expect.poll(() => block(page, 5).locator('h2').textContent()).toBe('fc1 · dense 242 → 10');

    await setSetting(page, 'stride', '0');
    const error = page.locator('cs-layer-settings .error');
    await expect
      .poll(() => error.textContent())
      .toBe('layers[0] (conv1): stride must be a whole number of at least 1 (or a pair of them); got 0');
    expect(await page.locator('cs-layer-settings [name="stride"]').getAttribute('aria-invalid')).toBe('true');
    expect(await block(page, 0).locator('.shape').textContent()).toBe('2 x 24 x 24');
    expect(await page.locator('cs-grid[label="conv1 map 1"]').count()).toBe(1);

    await setSetting(page, 'padding', 'same');
    await expect.poll(() => block(page, 0).locator('.shape').textContent()).toBe('2 x 28 x 28');
    await expect.poll(() => error.count()).toBe(0);

    // Ctrl+Z inside a text field undoes its typing; on the sheet it undoes the last change.
    await page.locator('cs-grid[label="conv1 filter 1"] [role="grid"]').focus();
    await page.keyboard.press('Control+Z');
    await expect.poll(() => block(page, 0).locator('.shape').textContent()).toBe('2 x 24 x 24');
    await page.locator('cs-app button', { hasText: 'Undo' }).click();
    await expect.poll(() => block(page, 0).locator('.shape').textContent()).toBe('2 x 26 x 26');
    await page.close();
  });

  it('adds, moves and removes layers with undo, every shape following', async () => {
    const page = await openApp(browser, inject('webUrl'));
    await page.locator('cs-layer-panel button.layer', { hasText: 'maxpool1' }).click();
    await page.locator('cs-layer-panel select[aria-label="layer type to add"]').selectOption('softmax');
    await page.locator('cs-layer-panel button', { hasText: 'Add after maxpool1' }).click();
    await expect.poll(() => block(page, 5).locator('h2').textContent()).toBe('softmax1 · softmax');
    expect(await block(page, 5).locator('.shape').textContent()).toBe('288 x 1 x 1');

    await page.locator('cs-layer-panel button[aria-label="remove conv1"]').click();
    await expect.poll(() => block(page, 1).locator('h2').textContent()).toBe('conv2 · conv 3 x 3');
    expect(await block(page, 1).locator('.shape').textContent()).toBe('2 x 26 x 26');
    expect(await page.locator('cs-grid[label="conv2 filter 1"]').count()).toBe(1);

    await page.locator('cs-layer-panel button[aria-label="move relu1 down"]').click();
    await expect.poll(() => block(page, 0).locator('h2').textContent()).toBe('conv2 · conv 3 x 3');

    for (let i = 0; i < 3; i++) await page.locator('cs-app button', { hasText: 'Undo' }).click();
    await expect.poll(() => block(page, 0).locator('h2').textContent()).toBe('conv1 · conv 3 x 3');
    expect(await page.locator('cs-sheet section.block').count()).toBe(7);
    await page.locator('cs-app button', { hasText: 'Redo' }).click();
    await expect.poll(() => page.locator('cs-sheet section.block').count()).toBe(8);
    expect(await status(page)).toContain('Redone: add softmax1');
    await page.close();
  });

  it('every grid is a named grid of gridcells, named as its caption', async () => {
    const page = await openApp(browser, inject('webUrl'));
    const names = await page.locator('cs-sheet figure').evaluateAll((figures) =>
      figures.map((f) => {
        const caption = f.querySelector('figcaption')?.textContent ?? '';
        const g = f.querySelector('cs-grid')?.shadowRoot?.querySelector('[role="grid"]');
        const cells = g?.querySelectorAll('[role="row"] > [role="gridcell"]').length ?? 0;
        return {
          caption,
          name: g?.getAttribute('aria-label'),
          hasCells: cells > 0 || g?.querySelector('canvas') !== null,
        };
      }),
    );
    expect(names.length).toBeGreaterThan(20);
    for (const n of names) {
      expect(n.name).toBe(n.caption);
      expect(n.hasCells).toBe(true);
    }
    await page.close();
  });
});
