import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp } from './support/browser';

// The screenshots of docs/lessons.md, taken from the built browser version: one per lesson, at the
// step the page describes. Writes docs/images/lesson-*.png when CONVSHEET_SCREENSHOTS=1, e.g.
//   CONVSHEET_SCREENSHOTS=1 npx vitest run --project e2e test/e2e/lessons-screenshots.test.ts
// and is skipped (visibly) otherwise, so a test run never rewrites the documentation.

const take = process.env.CONVSHEET_SCREENSHOTS === '1';

interface Shot {
  readonly lesson: string;
  /** Times Next is pressed. */
  readonly next: number;
  /** What a student then does. */
  readonly act?: (page: Page) => Promise<void>;
}

async function train(page: Page, steps: number): Promise<void> {
  const tool = page.locator('cs-lesson-panel cs-learn-tool');
  await tool.locator('button.train').click();
  await expect
    .poll(() => tool.locator('[role="status"]').textContent(), { timeout: 30_000 })
    .toBe(`step ${steps} of ${steps}`);
}

const SHOTS: readonly Shot[] = [
  { lesson: 'edge-detection', next: 1 },
  { lesson: 'by-hand', next: 2 },
  { lesson: 'lonely-one', next: 3 },
  { lesson: 'hi-dot', next: 1 },
  { lesson: 'rgb', next: 1 },
  { lesson: 'pooling-translation', next: 2 },
  { lesson: 'receptive-fields', next: 3 },
  { lesson: 'counting', next: 3 },
  { lesson: 'conv-vs-dense', next: 1, act: (page) => train(page, 150) },
  { lesson: 'learning-a-filter', next: 1, act: (page) => train(page, 200) },
  {
    lesson: 'dropout',
    next: 1,
    act: (page) => page.locator('cs-dropout-tool input[type="checkbox"]').check(),
  },
];

let browser: Browser;
beforeAll(async () => {
  if (take) browser = await launchBrowser();
});
afterAll(async () => {
  if (take) await browser.close();
});

describe.skipIf(!take)('screenshots of docs/lessons.md (CONVSHEET_SCREENSHOTS=1)', () => {
  it.each(SHOTS.map((s) => [s.lesson, s] as const))('%s', async (_, shot) => {
    const page = await openApp(browser, inject('webUrl'));
    await page.locator('select[aria-label="open a lesson"]').selectOption(shot.lesson);
    const count = page.locator('cs-lesson-panel .count');
    for (let i = 0; i < shot.next; i++) {
      await page.locator('cs-lesson-panel button.next').click();
      await expect.poll(() => count.textContent()).toMatch(new RegExp(`^Step ${i + 2} of`));
    }
    await shot.act?.(page);
    // Let the last repaint land (heatmap canvases draw on the next frame).
    await page.waitForTimeout(300);
    await page.screenshot({ path: `docs/images/lesson-${shot.lesson}.png` });
    await page.close();
  });
});
