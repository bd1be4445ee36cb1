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

  it('learns MNIST 3 vs 7 on the first-run sheet, with a digit drawn by mouse and an IDX pair loaded', async () => {
    const page = await openApp(browser, inject('webUrl'));
    await page.locator('cs-app button.learn-toggle').click();
    const panel = page.locator('cs-learn-panel');
    await panel.locator('select[aria-label="example set"]').selectOption('task:mnist-3-7');
    await expect
      .poll(() => panel.locator('.status').textContent(), { timeout: 20_000 })
      .toContain('300 examples');

    // Draw a 7 on the pad (a bar and a slanted stroke) and add it as class "7".
    await panel.locator('select[aria-label="label of new examples"]').selectOption({ label: '7' });
    await panel.locator('details.draw summary').click();
    const box = await panel.locator('cs-draw-pad canvas').boundingBox();
    if (box === null) throw new Error('no drawing pad');
    const at = (x: number, y: number): [number, number] => [box.x + box.width * x, box.y + box.height * y];
    await page.mouse.move(...at(0.25, 0.25));
    await page.mouse.down();
    await page.mouse.move(...at(0.75, 0.25), { steps: 10 });
    await page.mouse.move(...at(0.45, 0.8), { steps: 10 });
    await page.mouse.up();
    await panel.getByRole('button', { name: 'Add the drawing' }).click();
    await expect.poll(() => panel.locator('.status').textContent()).toContain('301 examples');
    const added = await panel.evaluate((p) => {
      const set = (
        p as HTMLElement & { set: { examples: { label: number; input: { data: Float64Array } }[] } }
      ).set;
      const last = set.examples[set.examples.length - 1];
      return {
        label: last?.label,
        max: Math.max(...(last?.input.data ?? [])),
        ink: [...(last?.input.data ?? [])].filter((v) => v > 0.5).length,
      };
    });
    // Class "7" is label 1 of ["3", "7"]; a stroke of two segments inks dozens of the 784 cells.
    expect(added.label).toBe(1);
    expect(added.max).toBeGreaterThan(0.99);
    expect(added.ink).toBeGreaterThan(30);

    // Learn on the sheet's own network (1 x 28 x 28 in, 10 scores): the held-out fifth ends mostly right.
    await panel.locator('label').filter({ hasText: 'speed' }).locator('select').selectOption('fast');
    await panel.locator('button.primary').click();
    await expect.poll(() => panel.locator('.status').textContent(), { timeout: 90_000 }).toContain('done');
    const summary = (await panel.locator('cs-example-gallery .summary').first().textContent()) ?? '';
    const right = /(\d+) of (\d+) right on the test set/.exec(summary);
    expect(Number(right?.[2])).toBe(60);
    expect(Number(right?.[1])).toBeGreaterThanOrEqual(54);

    // An IDX pair, gzipped, chosen together: 100 Fashion-MNIST images replace the set.
    const chooser = page.waitForEvent('filechooser');
    await panel.getByRole('button', { name: 'Load examples…' }).click();
    await (
      await chooser
    ).setFiles([
      'samples/idx/fashion-100-images-idx3-ubyte.gz',
      'samples/idx/fashion-100-labels-idx1-ubyte.gz',
    ]);
    const loaded = (): Promise<unknown> =>
      panel.evaluate((p) => {
        const el = p as HTMLElement & {
          set: { examples: unknown[] } | null;
          fileIssues: { message: string }[];
        };
        return el.fileIssues.length > 0 ? el.fileIssues[0]?.message : el.set?.examples.length;
      });
    await expect.poll(loaded, { timeout: 20_000 }).toBe(100);
    expect(await panel.locator('select[aria-label="example set"]').inputValue()).toBe('file');
    await page.close();
  }, 180_000);
});
