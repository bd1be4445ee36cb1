import type { Page } from 'playwright-core';
import { chooseSet, openHarness, waitForStatus } from './learn-harness';

// Not a benchmark: makes the screenshots of docs/learning.md (docs/images/learning-*.png) from the
// learn drawer's harness page, in Chromium, doing what the page describes. Run it from the repository
// root with `npx jiti bench/learn-screenshots.ts`.

const out = (name: string): string => `docs/images/learning-${name}.png`;

async function setField(page: Page, label: string, value: string): Promise<void> {
  const field = page
    .locator('cs-learn-panel label')
    .filter({ hasText: label })
    .locator('input, select')
    .first();
  if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
  else {
    await field.fill(value);
    await field.press('Enter');
  }
}

/** The whole window: the sheet above, the drawer below, grown to show all of the drawer. */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: out(name), fullPage });
  console.log('wrote', out(name));
}

const h = await openHarness({ width: 1400, height: 1000 });
const { page } = h;
try {
  // The drawer shows everything; the page scrolls instead.
  await page.evaluate(() => {
    const harness = document.querySelector('cs-learn-harness');
    const panel = harness?.shadowRoot?.querySelector<HTMLElement>('cs-learn-panel');
    const sheet = harness?.shadowRoot?.querySelector<HTMLElement>('cs-sheet');
    if (harness instanceof HTMLElement) harness.style.height = 'auto';
    if (panel) panel.style.maxHeight = 'none';
    if (sheet) sheet.style.height = '330px';
  });

  await chooseSet(page, 'sobel');
  await shot(page, 'sobel-start');

  await page.locator('cs-learn-panel button.primary').click();
  await waitForStatus(page, /step (6\d|[7-9]\d|\d{3}) of/);
  await page.locator('cs-learn-panel button.primary').click();
  await waitForStatus(page, /paused/);
  await shot(page, 'sobel-paused');

  await page.locator('cs-learn-panel button.primary').click();
  await waitForStatus(page, /done/);
  await page.locator('cs-learn-panel button', { hasText: 'Check gradients' }).click();
  await page.locator('cs-learn-panel [aria-label="gradient check"]').waitFor();
  await shot(page, 'sobel-done');

  await page.locator('cs-learn-panel button', { hasText: 'Reset' }).click();
  await setField(page, 'learning rate', '1000');
  await page.locator('cs-learn-panel button.primary').click();
  await page.locator('cs-learn-panel [role="alert"]').waitFor();
  await shot(page, 'diverged');

  await chooseSet(page, 'squares-diamonds');
  await setField(page, 'speed', 'fast');
  await page.locator('cs-learn-panel button.primary').click();
  await waitForStatus(page, /done/, 120_000);
  // 300 examples make a long gallery: the window's first screenful shows its first rows.
  await shot(page, 'squares-diamonds', false);

  // MNIST 3 vs 7: its images do not fit the squares network, so its own network opens.
  await chooseSet(page, 'mnist-3-7');
  await waitForStatus(page, /300 examples/);
  await setField(page, 'add as class', '7');
  await page.locator('cs-learn-panel details.draw summary').click();
  const box = await page.locator('cs-learn-panel cs-draw-pad canvas').boundingBox();
  if (box === null) throw new Error('no drawing pad');
  const at = (x: number, y: number): [number, number] => [box.x + box.width * x, box.y + box.height * y];
  await page.mouse.move(...at(0.22, 0.22));
  await page.mouse.down();
  await page.mouse.move(...at(0.72, 0.2), { steps: 12 });
  await page.mouse.move(...at(0.62, 0.45), { steps: 8 });
  await page.mouse.move(...at(0.45, 0.8), { steps: 10 });
  await page.mouse.up();
  await page.locator('cs-learn-panel button', { hasText: 'Add the drawing' }).click();
  await waitForStatus(page, /301 examples/);
  // The pad moved up with the set's description gone: measure again, and draw a 3 to add next.
  const again = await page.locator('cs-learn-panel cs-draw-pad canvas').boundingBox();
  if (again === null) throw new Error('no drawing pad');
  const at2 = (x: number, y: number): [number, number] => [
    again.x + again.width * x,
    again.y + again.height * y,
  ];
  await page.mouse.move(...at2(0.3, 0.25));
  await page.mouse.down();
  for (const [x, y] of [
    [0.5, 0.18],
    [0.68, 0.28],
    [0.6, 0.45],
    [0.45, 0.5],
    [0.62, 0.56],
    [0.7, 0.7],
    [0.55, 0.82],
    [0.3, 0.78],
  ] as const)
    await page.mouse.move(...at2(x, y), { steps: 6 });
  await page.mouse.up();
  await page.locator('cs-learn-panel .examples').screenshot({ path: out('draw') });
  console.log('wrote', out('draw'));
  await page
    .locator('cs-learn-panel cs-draw-pad')
    .evaluate((p) => (p as HTMLElement & { clear(): void }).clear());
  await setField(page, 'speed', 'fast');
  await page.locator('cs-learn-panel button.primary').click();
  await waitForStatus(page, /done/, 120_000);
  await shot(page, 'mnist-3-7', false);
  await setField(page, 'show', 'wrong');
  await page.locator('cs-learn-panel cs-example-gallery').screenshot({ path: out('mnist-wrong') });
  console.log('wrote', out('mnist-wrong'));
} finally {
  await h.close();
}
