import { afterEach, describe, expect, it } from 'vitest';
import { SOBEL_X } from '../../src-core/learn/generated-sets';
import { firstRunWorkbook } from '../../src-core/presets/workbooks';
import type { CsLearnPanel } from '../../src-renderer/learn/learn-panel';
import { AppStandIn, redrawn, until, valuesOf, shadowOf } from '../dom/learn-support';

// The learn panel in Chromium with the real Web Worker, driven through its controls as a learner
// would: every number below can be checked against hiddenFilterSet's documented Sobel filter
// [-1 0 1; -2 0 2; -1 0 1] (src-core/learn/generated-sets.ts) and the trainer's own tests.

afterEach(() => {
  document.body.replaceChildren();
});

function button(panel: CsLearnPanel, text: string): HTMLButtonElement {
  const b = [...shadowOf(panel).querySelectorAll('button')].find((x) => x.textContent?.trim() === text);
  if (b === undefined) throw new Error(`no button "${text}"`);
  return b;
}

function field(panel: CsLearnPanel, label: string): HTMLInputElement | HTMLSelectElement {
  const l = [...shadowOf(panel).querySelectorAll('label')].find((x) =>
    x.textContent?.trim().startsWith(label),
  );
  const control = l?.querySelector<HTMLInputElement | HTMLSelectElement>('input, select');
  if (control === undefined || control === null) throw new Error(`no field "${label}"`);
  return control;
}

async function set(panel: CsLearnPanel, label: string, value: string): Promise<void> {
  const control = field(panel, label);
  control.value = value;
  control.dispatchEvent(new Event('change'));
  await panel.updateComplete;
}

/** The first-run workbook, then "Rediscover Sobel" chosen as a new learner would. */
async function sobelApp(): Promise<AppStandIn> {
  const app = new AppStandIn(firstRunWorkbook());
  await redrawn(app.panel);
  await set(app.panel, 'set', 'task:sobel');
  await redrawn(app.panel);
  return app;
}

function distanceToSobel(weights: readonly number[]): number {
  return Math.max(...weights.map((w, i) => Math.abs(w - (SOBEL_X[i] ?? NaN))));
}

describe('learning in the panel, with the real worker', () => {
  it('rediscovers Sobel: 300 steps of SGD bring every weight within 1e-3, one chart point per logged step', async () => {
    const app = await sobelApp();
    expect(app.labels).toEqual(['open']);
    expect(app.workbook.name).toBe('Rediscover Sobel');
    const start = valuesOf(app.workbook, 0);
    expect(distanceToSobel(start)).toBeGreaterThan(1);
    await set(app.panel, 'speed', 'fast');
    button(app.panel, 'Learn').click();
    await until(() => app.panel.run.status === 'done', 30_000, 'the run to end');

    const run = app.panel.run;
    expect(run.updates).toBe(300);
    expect(distanceToSobel(valuesOf(app.workbook, 0))).toBeLessThan(1e-3);
    expect(Math.abs(valuesOf(app.workbook, 0, 'bias')[0] ?? NaN)).toBeLessThan(1e-3);
    // One undo step for the whole run, after the one for opening the network.
    expect(app.labels).toEqual(['open', 'learn']);
    // Loss of the whole set at steps 0, 1, ..., 300: from about 1 (Sobel of uniform noise has
    // variance 12 / 12 = 1) to below 1e-10.
    expect(run.history.map((p) => p.step)).toEqual(Array.from({ length: 301 }, (_, i) => i));
    expect(run.history[0]?.trainLoss).toBeGreaterThan(0.5);
    expect(run.history[300]?.trainLoss).toBeLessThan(1e-10);
    const chart = () => shadowOf(app.panel).querySelector('cs-loss-chart')?.chart;
    // The chart redraws at most every 150 ms while points stream in; the last points follow.
    await until(() => chart()?.data.datasets[0]?.data.length === 301, 2000, 'the last chart points');
    const trainLoss = chart()?.data.datasets[0]?.data ?? [];
    expect(trainLoss.map((p) => p.x)).toEqual(run.history.map((p) => p.step));
    expect(trainLoss.map((p) => p.y)).toEqual(run.history.map((p) => p.trainLoss));
  }, 60_000);

  it('pause, step and reset: Step adds exactly one update; Reset puts back the starting weights as one undo step', async () => {
    const app = await sobelApp();
    const start = valuesOf(app.workbook, 0);
    await set(app.panel, 'speed', 'slow');
    button(app.panel, 'Learn').click();
    const run = app.panel.run;
    await until(() => run.updates >= 3, 10_000, 'three updates');
    button(app.panel, 'Pause').click();
    await until(() => run.status === 'paused', 5000, 'the pause');
    const paused = run.updates;
    expect(run.history).toHaveLength(paused + 1);
    await redrawn(app.panel);
    button(app.panel, 'Step').click();
    await until(() => run.updates === paused + 1 && run.status === 'paused', 5000, 'one step');
    expect(run.history).toHaveLength(paused + 2);
    expect(app.labels).toEqual(['open', 'learn', 'learn']);
    expect(valuesOf(app.workbook, 0)).not.toEqual(start);
    await redrawn(app.panel);
    button(app.panel, 'Reset').click();
    expect(app.labels).toEqual(['open', 'learn', 'learn', 'reset']);
    expect(valuesOf(app.workbook, 0)).toEqual(start);
    expect(run.updates).toBe(0);
  }, 30_000);

  it('a learning rate changed mid-run takes effect: at 1e-9 the filter stays put, at 0.1 it reaches Sobel', async () => {
    const app = await sobelApp();
    const start = valuesOf(app.workbook, 0);
    await set(app.panel, 'learning rate', '1e-9');
    await set(app.panel, 'run', '400');
    await set(app.panel, 'speed', 'slow');
    button(app.panel, 'Learn').click();
    const run = app.panel.run;
    await until(() => run.updates >= 2, 10_000, 'two slow updates');
    const early = valuesOf(app.workbook, 0);
    expect(Math.max(...early.map((w, i) => Math.abs(w - (start[i] ?? NaN))))).toBeLessThan(1e-6);
    await set(app.panel, 'learning rate', '0.1');
    await set(app.panel, 'speed', 'fast');
    await until(() => run.status === 'done', 30_000, 'the run to end');
    expect(run.updates).toBe(400);
    expect(distanceToSobel(valuesOf(app.workbook, 0))).toBeLessThan(1e-3);
  }, 60_000);

  it('learning rate 1000 diverges: it stops, suggests 100, and the starting weights are back', async () => {
    const app = await sobelApp();
    const start = valuesOf(app.workbook, 0);
    await set(app.panel, 'learning rate', '1000');
    await set(app.panel, 'speed', 'fast');
    button(app.panel, 'Learn').click();
    await until(() => app.panel.run.status === 'diverged', 10_000, 'the divergence');
    await redrawn(app.panel);
    const alert = shadowOf(app.panel).querySelector('[role="alert"]')?.textContent ?? '';
    expect(alert).toContain('learning diverged at step 2');
    expect(alert).toContain('try a smaller learning rate, such as 100 (now 1000)');
    expect(valuesOf(app.workbook, 0)).toEqual(start);
    expect(button(app.panel, 'Learn').disabled).toBe(false);
  }, 30_000);

  it('squares vs diamonds: one 5 x 5 filter reaches at least 95% on the 100 held-out images', async () => {
    const app = new AppStandIn(firstRunWorkbook());
    await redrawn(app.panel);
    await set(app.panel, 'set', 'task:squares-diamonds');
    await set(app.panel, 'speed', 'fast');
    button(app.panel, 'Learn').click();
    const run = app.panel.run;
    await until(() => run.status === 'done', 60_000, 'thirty epochs');
    // 200 training images in batches of 20: 10 updates an epoch, 30 epochs.
    expect(run.updates).toBe(300);
    const last = run.history[run.history.length - 1];
    expect(run.history[0]?.testAccuracy).toBeLessThan(0.8);
    expect(last?.testAccuracy).toBeGreaterThanOrEqual(0.95);
    await until(() => run.predictions?.test.count === 100, 5000, 'the gallery answers');
    await redrawn(app.panel);
    const gallery = shadowOf(app.panel).querySelector('cs-example-gallery');
    await gallery?.updateComplete;
    const summary = gallery?.shadowRoot?.querySelector('.summary')?.textContent ?? '';
    const right = /(\d+) of 100 right on the test set/.exec(summary);
    expect(Number(right?.[1])).toBeGreaterThanOrEqual(95);
  }, 90_000);

  it('Check gradients: backpropagation agrees with central differences on all 10 parameters of the filter', async () => {
    const app = await sobelApp();
    button(app.panel, 'Check gradients').click();
    await until(() => app.panel.run.check !== null, 10_000, 'the gradient check');
    const check = app.panel.run.check;
    expect(check?.entries).toHaveLength(10);
    for (const e of check?.entries ?? []) expect(e.relativeError).toBeLessThan(1e-6);
    await redrawn(app.panel);
    const text = shadowOf(app.panel).querySelector('[aria-label="gradient check"]')?.textContent ?? '';
    expect(text).toContain('all 10 gradients agree');
  }, 30_000);

  it('a frozen centre weight stays exactly 0 while the other eight learn Sobel around it', async () => {
    const app = await sobelApp();
    app.edit(0, 4, 0);
    await redrawn(app.panel);
    const filters = shadowOf(app.panel).querySelector('cs-learn-filters');
    const toggle = filters?.shadowRoot?.querySelector<HTMLInputElement>('.freeze input');
    toggle?.click();
    await filters?.updateComplete;
    const grid = filters?.shadowRoot?.querySelector('cs-grid[label="conv1 filter 1"]');
    if (grid === null || grid === undefined) throw new Error('no conv1 weight grid');
    const box = grid.getBoundingClientRect();
    // The centre of a 3 x 3 grid: row 2, column 2, flat index 4.
    grid.dispatchEvent(
      new MouseEvent('mousedown', {
        bubbles: true,
        composed: true,
        button: 0,
        clientX: box.left + box.width / 2,
        clientY: box.top + box.height / 2,
      }),
    );
    expect((app.workbook.learn as { frozen?: unknown }).frozen).toEqual([{ layer: 'conv1', weight: [4] }]);
    await redrawn(app.panel);
    await set(app.panel, 'speed', 'fast');
    button(app.panel, 'Learn').click();
    await until(() => app.panel.run.status === 'done', 30_000, 'the run to end');
    const w = valuesOf(app.workbook, 0);
    expect(w[4]).toBe(0);
    expect(distanceToSobel(w)).toBeLessThan(1e-3);
  }, 60_000);
});
