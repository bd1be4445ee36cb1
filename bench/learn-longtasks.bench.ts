import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { chooseSet, openHarness, waitForStatus } from './learn-harness';
import { printTable } from './timing';

// Is the main thread free while learning runs? The learn drawer and the sheet (the harness page, wired
// as the app must wire them) learn each generated set from its own network and settings, and
// Chromium's Long Tasks API reports every main-thread task over 50 ms from the click on Learn to the
// end of the run. Each run shows the live weights on the sheet (a recompute and a repaint per frame),
// the loss chart, the dL/dw grids and the gallery. Target: no task over 50 ms.

interface Measured {
  readonly ms: number;
  readonly tasks: number[];
  readonly frames: number;
}

async function learnAndWatch(page: Page, task: string, speed: string): Promise<Measured> {
  await chooseSet(page, task);
  await page
    .locator('cs-learn-panel label')
    .filter({ hasText: 'speed' })
    .locator('select')
    .selectOption(speed);
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; frames: number; started: number };
    w.longTasks = [];
    w.frames = 0;
    w.started = performance.now();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
    const count = () => {
      w.frames++;
      requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
  });
  await page.locator('cs-learn-panel button.primary').click();
  await waitForStatus(page, /done/, 120_000);
  // Long-task entries are delivered after the task: give the observer a moment.
  await page.waitForTimeout(200);
  return page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; frames: number; started: number };
    return { ms: performance.now() - w.started - 200, tasks: w.longTasks, frames: w.frames };
  });
}

const cases = [
  ['Rediscover Sobel (300 steps)', 'sobel', 'normal'],
  ['Strokes (20 epochs)', 'strokes', 'normal'],
  ['Squares vs diamonds (30 epochs)', 'squares-diamonds', 'fast'],
] as const;

/** Runs per case: the machines this runs on are shared, so one run says little. */
const RUNS = 3;

const rows: string[][] = [];
for (const [name, task, speed] of cases) {
  const runs: Measured[] = [];
  for (let r = 0; r < RUNS; r++) {
    // A fresh page per run: one run's garbage or compiled code does not weigh on the next.
    const h = await openHarness();
    try {
      runs.push(await learnAndWatch(h.page, task, speed));
    } finally {
      await h.close();
    }
  }
  const longest = runs.map((m) => (m.tasks.length === 0 ? 0 : Math.max(...m.tasks))).sort((a, b) => a - b);
  const counts = runs.map((m) => m.tasks.length).sort((a, b) => a - b);
  const median = (v: number[]): number => v[Math.floor(v.length / 2)] ?? NaN;
  rows.push([
    name,
    speed,
    (median(runs.map((m) => m.ms)) / 1000).toFixed(1),
    median(runs.map((m) => m.frames / (m.ms / 1000))).toFixed(0),
    counts.join(' '),
    longest.map((v) => v.toFixed(0)).join(' '),
    median(longest) <= 50 ? 'yes' : 'NO',
  ]);
}
const load = loadavg()
  .map((v) => v.toFixed(1))
  .join(' ');
console.log(
  `Main-thread long tasks (> 50 ms) while learning runs in the worker, ${RUNS} runs per case, sorted ` +
    `(${cpus().length} cores, load average ${load}):`,
);
printTable(['case', 'speed', 'run s', 'frames/s', 'long tasks', 'longest ms', 'median <= 50 ms'], rows);
