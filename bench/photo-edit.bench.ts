import { environment, openBenchPage, type BenchPage } from './browser';
import { printEditTable, summarise, timeEdits, type EditSummary } from './edit-timing';
import { recordResults } from './results';

// Edit to repaint on a photo (issue 8): a 3 x 512 x 512 RGB photo through conv1 (4 filters), ReLU,
// conv2 (4 filters), ReLU and a 2 x 2 max pool (bench/workbooks.ts), 23 heatmaps. One cell of conv1's
// first filter is set, so every layer is recomputed and every map downstream recoloured. Cases: the
// default zoom (50 %), zoomed out to 10 % (most of the sheet on screen at once), and 100 % (numbers
// drawn over the part of each heatmap on screen). Target: work p95 within 50 ms.

const EDITS = Number(process.env.BENCH_EDITS ?? 100);
const WARMUP = 10;
const TARGET_MS = 50;
const FILTER = 'conv1 filter 1 · ch 1';

async function run(h: BenchPage, name: string, zoomSteps: number): Promise<EditSummary> {
  const opened = await h.page.evaluate(() => window.convsheetBench.open('photo-edit'));
  await h.page.evaluate(() => window.convsheetBench.frame());
  for (let i = 0; i < Math.abs(zoomSteps); i++) {
    await h.page.evaluate(
      (d) => {
        window.convsheetBench.zoomBy(d);
        return window.convsheetBench.frame();
      },
      Math.sign(zoomSteps) as 1 | -1,
    );
  }
  const zoom = await h.page.evaluate(() => window.convsheetBench.zoom());
  console.log(
    `  ${name}: zoom ${Math.round(zoom * 100)} %, workbook built in ${opened.buildMs.toFixed(0)} ms, opened in ${opened.openMs.toFixed(0)} ms`,
  );
  await timeEdits(h, FILTER, 4, WARMUP);
  return summarise(name, await timeEdits(h, FILTER, 4, EDITS), TARGET_MS);
}

const cases = [
  ['default zoom (50 %, colours)', 0],
  ['zoom 10 % (whole maps on screen)', -5],
  ['zoom 100 % (numbers)', 3],
] as const;

const rows: EditSummary[] = [];
let env: Record<string, string | number> = {};
for (const [name, steps] of cases) {
  const h = await openBenchPage();
  try {
    env = environment(h.browser);
    rows.push(await run(h, name, steps));
  } finally {
    await h.close();
  }
}
console.log(
  `\nEdit to repaint, 3 x 512 x 512 photo, two conv layers of 4 filters and a pool, ${EDITS} edits per case (ms):`,
);
printEditTable(rows);
recordResults('interaction', 'photoEdit', { date: new Date().toISOString(), env, cases: rows });
