import { readFileSync, readdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectedIndices } from '../../src-core/lessons/lesson-check';
import { readLesson } from '../../src-core/lessons/lesson-read';
import type { Lesson } from '../../src-core/lessons/lesson-types';
import { resolveWorkbook, type ResolvedWorkbook } from '../../src-core/sheet/shapes';
import { launchBrowser, openApp } from './support/browser';
import { cellTexts, grid, shown, status } from './support/sheet';

// Each built-in lesson in the built browser version, as a student goes through it: open it from the
// Lesson menu, read every step with Next, and find the numbers the step quotes on the sheet itself.
// The quoted numbers come from the lesson files; test/core/lessons checks them by hand.

const dir = new URL('../../samples/lessons/', import.meta.url);
const lessons: Lesson[] = readdirSync(dir)
  .filter((f) => f.endsWith('.lesson.json'))
  .map((f) => {
    const r = readLesson(readFileSync(new URL(f, dir), 'utf8'), f.replace('.lesson.json', ''));
    if (!r.ok) throw new Error(f);
    return r.value;
  });

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const panel = (page: Page) => page.locator('cs-lesson-panel');

async function open(id: string): Promise<Page> {
  const page = await openApp(browser, inject('webUrl'));
  await page.locator('select[aria-label="open a lesson"]').selectOption(id);
  await expect.poll(() => panel(page).locator('h2').textContent()).not.toBe('');
  return page;
}

/**
 * What is too wide inside the lesson panel: the panel itself, or a scroller in it (a table), through
 * every shadow root. The whole PyTorch script scrolls sideways on purpose and is left out.
 */
function overflowing(page: Page): Promise<string[]> {
  return page.locator('cs-lesson-panel').evaluate((panelEl) => {
    const found: string[] = [];
    if (panelEl.scrollWidth > panelEl.clientWidth) found.push('the panel');
    const visit = (node: Element | ShadowRoot): void => {
      for (const el of node.querySelectorAll('*')) {
        const script = el.getAttribute('aria-label') === 'PyTorch code';
        if (!script && el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX === 'auto') {
          found.push(`${el.tagName.toLowerCase()} ${el.scrollWidth} > ${el.clientWidth}`);
        }
        if (el.shadowRoot !== null) visit(el.shadowRoot);
      }
    };
    if (panelEl.shadowRoot !== null) visit(panelEl.shadowRoot);
    return found;
  });
}

/** The sheet's caption of channel `c` of grid `layer` (-1: the input). */
function gridLabel(r: ResolvedWorkbook, layer: number, c: number): string {
  if (layer === -1) return r.inputShape[0] === 1 ? 'Input' : `Input channel ${c + 1}`;
  return `${r.layers[layer]?.layer.name ?? ''} map ${c + 1}`;
}

describe('every lesson opens, steps through, and its quoted numbers appear on the sheet', () => {
  it.each(lessons.map((l) => [l.id, l] as const))('%s', async (_, lesson) => {
    const page = await open(lesson.id);
    for (const [s, step] of lesson.steps.entries()) {
      await expect
        .poll(() => panel(page).locator('.count').textContent())
        .toBe(`Step ${s + 1} of ${lesson.steps.length}`);
      expect(await panel(page).locator('.step h3').textContent()).toBe(step.title);
      const state = lesson.states[s];
      const r = state === undefined ? null : resolveWorkbook(state);
      if (r?.ok !== true) throw new Error('bad state');
      for (const e of step.expect) {
        const shape = e.layer === -1 ? r.value.inputShape : r.value.layers[e.layer]?.outputShape;
        if (shape === undefined) throw new Error('no grid');
        const [, h, w] = shape;
        for (const [k, index] of expectedIndices(e, shape).entries()) {
          const c = Math.floor(index / (h * w));
          const label = gridLabel(r.value, e.layer, c);
          await expect
            .poll(async () => (await cellTexts(page, label)).flat()[index - c * h * w])
            .toBe(shown(e.values[k] ?? NaN));
        }
      }
      // Nothing in the panel is cut off or needs a sideways scroll to read.
      expect(await overflowing(page), `step ${s + 1}`).toEqual([]);
      if (s < lesson.steps.length - 1) await panel(page).locator('button.next').click();
    }
    await page.close();
  });
});

describe('the demonstrations, driven as a student would', () => {
  it('the lonely 1: Play slides the window to the last of 8 positions, writing -1 0 -1 0 -2 1 -1 0', async () => {
    const page = await open('lonely-one');
    const tool = panel(page).locator('cs-window-tool');
    await tool.locator('button.play').click();
    await expect
      .poll(() => tool.locator('.controls span').textContent(), { timeout: 15_000 })
      .toBe('position 8 of 8');
    const written = tool.locator('.mini-grid').last().locator('.cell');
    expect(await written.evaluateAll((cells) => cells.map((c) => c.textContent?.trim()))).toEqual([
      '-1',
      '0',
      '-1',
      '0',
      '-2',
      '1',
      '-1',
      '0',
    ]);
    // The sheet follows the window: the formula bar explains the last cell.
    await expect.poll(() => page.locator('cs-inspector .formula').textContent()).toContain('= 0.00');
    await page.close();
  });

  it('pooling: the → button moves relu1 and leaves maxpool1 as it was', async () => {
    const page = await open('pooling-translation');
    await panel(page).getByRole('button', { name: 'Translate' }).click();
    await panel(page).locator('button[aria-label="shift down"]').click();
    await expect.poll(() => status(page)).toBe('input shifted one cell down');
    const report = panel(page).locator('cs-translate-tool table');
    await expect.poll(() => report.textContent()).toMatch(/relu1\s+moved one cell down/);
    expect(await report.textContent()).toMatch(/maxpool1\s+same: not one value changed/);
    await page.locator('cs-app button', { hasText: 'Undo' }).click();
    await expect.poll(() => report.textContent()).toMatch(/relu1\s+moved one cell up/);
    await page.close();
  });

  it('convolutional vs fully connected: Train gives 100 % against 50 % on the strokes neither has seen', async () => {
    const page = await open('conv-vs-dense');
    const tool = panel(page).locator('cs-learn-tool');
    await tool.locator('button.train').click();
    await expect
      .poll(() => tool.locator('[role="status"]').textContent(), { timeout: 30_000 })
      .toBe('step 150 of 150');
    const cells = await tool.locator('table[aria-label="scores"] tbody td').allTextContents();
    expect(cells.map((c) => c.trim()).filter((c) => c.endsWith('%'))).toEqual([
      '100 %',
      '100 %',
      '87.5 %',
      '50 %',
    ]);
    await page.close();
  });

  it('learning a filter: Train, then Keep puts Sobel -1 0 1 / -2 0 2 / -1 0 1 into the sheet', async () => {
    const page = await open('learning-a-filter');
    await panel(page).locator('button.next').click();
    const tool = panel(page).locator('cs-learn-tool');
    await tool.locator('button.train').click();
    await expect
      .poll(() => tool.locator('[role="status"]').textContent(), { timeout: 30_000 })
      .toBe('step 200 of 200');
    await tool.getByRole('button', { name: 'Keep' }).click();
    await expect
      .poll(() => cellTexts(page, 'conv1 filter 1'))
      .toEqual([
        ['-1.00', '0.00', '1.00'],
        ['-2.00', '0.00', '2.00'],
        ['-1.00', '0.00', '1.00'],
      ]);
    await page.close();
  });

  it('counting: the calculator reproduces VGG-16 and the receptive field reads 10 x 10', async () => {
    const page = await open('counting');
    for (let i = 0; i < 3; i++) await panel(page).locator('button.next').click();
    const counting = panel(page).locator('cs-counting-tool p');
    await expect
      .poll(async () => (await counting.allTextContents()).join(' '))
      .toContain('138,357,544 parameters');
    await page.locator('select[aria-label="open a lesson"]').selectOption('receptive-fields');
    for (let i = 0; i < 3; i++) await panel(page).locator('button.next').click();
    await expect
      .poll(() => panel(page).locator('cs-receptive-tool table').textContent())
      .toMatch(/Input\s+10 × 10/);
    expect(await grid(page, 'conv3 map 1').getAttribute('aria-activedescendant')).toBe('c0_0');
    await page.close();
  });
});
