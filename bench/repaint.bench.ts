import { environment, openBenchPage } from './browser';
import { printEditTable, summarise, timeEdits, type EditSummary } from './edit-timing';
import { recordResults } from './results';

// Interaction latency in Chromium: on the first-run workbook, one filter cell of conv1 is set (the
// event a grid fires when a typed number is committed), and we time until every grid downstream has
// been redrawn and the frame painted (bench/edit-timing.ts: "work" is the edit's main-thread time plus
// the rendering of the frame that shows it; "latency" adds the wait for that frame). Each case runs
// 200 edits after 20 warm-up edits, at the default zoom (a picture: colours only) and at 100 % (every
// cell shows its number; as opened, the input fills the window, so also with conv1's filters and maps
// scrolled into view, where a student typing into the filter would be looking). Target: work p95 within one frame, 16 ms.

const EDITS = Number(process.env.BENCH_EDITS ?? 200);
const WARMUP = 20;
const TARGET_MS = 16;

const rows: EditSummary[] = [];
let env: Record<string, string | number> = {};
for (const [name, zoomIns, reveal] of [
  ['default zoom (50 %, colours)', 0, false],
  ['zoom 100 %, as opened (input on screen)', 4, false],
  ['zoom 100 %, conv1 on screen (numbers)', 4, true],
] as const) {
  // A fresh browser per case: one case's garbage or compiled code does not weigh on the next.
  const h = await openBenchPage();
  try {
    env = environment(h.browser);
    for (let i = 0; i < zoomIns; i++) await h.page.locator('cs-app button[aria-label="zoom in"]').click();
    if (reveal) await h.page.evaluate(() => window.convsheetBench.reveal('conv1 filter 1'));
    await h.page.waitForTimeout(200);
    await timeEdits(h, 'conv1 filter 1', 4, WARMUP);
    rows.push(summarise(name, await timeEdits(h, 'conv1 filter 1', 4, EDITS), TARGET_MS));
  } finally {
    await h.close();
  }
}
console.log(`One conv1 filter edit on the first-run workbook, ${EDITS} edits per case (ms):`);
printEditTable(rows);
recordResults('interaction', 'firstRunEdit', { date: new Date().toISOString(), env, cases: rows });
