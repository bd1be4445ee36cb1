import { existsSync, readFileSync } from 'node:fs';
import { environment, openBenchPage, type BenchPage } from './browser';
import { timeEdits } from './edit-timing';
import { recordResults } from './results';
import { printTable } from './timing';

// Renderer memory (issue 8): a 3 x 1024 x 1024 RGB photo through the first-run pipeline (conv1 2
// filters, ReLU, conv2, ReLU, 2 x 2 max pool, dense to 10 scores: 5.2 million dense weights;
// bench/workbooks.ts), opened in the app, then edited, zoomed to 100 % and panned. Measured after a
// full garbage collection (HeapProfiler.collectGarbage) at each stage:
// - heap: the V8 heap in use plus the ArrayBuffer backing stores it owns (the tensors, ImageData:
//   typed arrays live outside the V8 heap proper), from Runtime.getHeapUsage. Target: under 500 MB.
// - the renderer process's resident memory (RSS, from /proc; Linux only), which adds canvases, the DOM,
//   the compositor and code; and its peak while the stage ran, sampled every 20 ms from outside.

const TARGET_MB = 500;
const MB = 2 ** 20;

interface Stage {
  readonly stage: string;
  readonly heapMb: number;
  readonly jsHeapMb: number;
  readonly backingMb: number;
  readonly rssMb: number;
  readonly peakRssMb: number;
  readonly seconds: number;
}

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  embedderHeapUsedSize?: number;
  backingStorageSize?: number;
}

/** PIDs of the browser's renderer processes (SystemInfo lists every process of the browser). */
async function rendererPids(h: BenchPage): Promise<number[]> {
  const session = await h.browser.newBrowserCDPSession();
  const info = (await session.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[];
  };
  await session.detach();
  return info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
}

/** Resident memory of a process, bytes; 0 where /proc is absent. */
function rss(pid: number): number {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return 0;
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(file, 'utf8'))?.[1];
  return kb === undefined ? 0 : Number(kb) * 1024;
}

async function measure(
  h: BenchPage,
  pids: number[],
  stage: string,
  run: () => Promise<void>,
): Promise<Stage> {
  const largest = () => Math.max(0, ...pids.map(rss));
  let peak = largest();
  const sampler = setInterval(() => (peak = Math.max(peak, largest())), 20);
  const start = performance.now();
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - start) / 1000;
  await h.cdp.send('HeapProfiler.collectGarbage');
  await h.cdp.send('HeapProfiler.collectGarbage');
  const usage = (await h.cdp.send('Runtime.getHeapUsage')) as HeapUsage;
  const backing = usage.backingStorageSize ?? 0;
  const round = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
  return {
    stage,
    heapMb: round(usage.usedSize + backing),
    jsHeapMb: round(usage.usedSize),
    backingMb: round(backing),
    rssMb: round(largest()),
    peakRssMb: round(Math.max(peak, largest())),
    seconds: Math.round(seconds * 10) / 10,
  };
}

const h = await openBenchPage();
const stages: Stage[] = [];
let env: Record<string, string | number> = {};
try {
  env = environment(h.browser);
  await h.cdp.send('HeapProfiler.enable');
  const pids = await rendererPids(h);
  if (pids.length === 0) console.log('(no renderer process found: resident memory not measured)');
  const page = h.page;
  const frame = async () => {
    await page.evaluate(() => window.convsheetBench.frame());
  };
  stages.push(await measure(h, pids, 'first-run workbook (28 x 28 digit)', frame));
  stages.push(
    await measure(h, pids, 'opened: 3 x 1024 x 1024 photo, first-run pipeline', async () => {
      await page.evaluate(() => window.convsheetBench.open('first-run-photo'));
      await frame();
    }),
  );
  stages.push(
    await measure(h, pids, 'after 10 edits of conv1 (undo history: 11 steps)', async () => {
      await timeEdits(h, 'conv1 filter 1 · ch 1', 4, 10);
    }),
  );
  stages.push(
    await measure(h, pids, 'zoomed to 100 % (numbers) and panned', async () => {
      for (let i = 0; i < 4; i++) {
        await page.evaluate(() => {
          window.convsheetBench.zoomBy(1);
          return window.convsheetBench.frame();
        });
      }
      for (let i = 1; i <= 20; i++) {
        await page.evaluate((y) => {
          window.convsheetBench.scrollTo(y * 2, y);
          return window.convsheetBench.frame();
        }, i * 400);
      }
    }),
  );
} finally {
  await h.close();
}

console.log(
  `Renderer memory, 3 x 1024 x 1024 photo through the first-run pipeline (MB, after a full GC; target heap < ${TARGET_MB}):`,
);
printTable(
  ['stage', 's', 'heap', 'JS heap', 'array buffers', 'process RSS', 'peak RSS', 'met'],
  stages.map((s) => [
    s.stage,
    s.seconds.toFixed(1),
    s.heapMb.toFixed(1),
    s.jsHeapMb.toFixed(1),
    s.backingMb.toFixed(1),
    s.rssMb.toFixed(0),
    s.peakRssMb.toFixed(0),
    s.heapMb < TARGET_MB ? 'yes' : 'NO',
  ]),
);
const worst = Math.max(...stages.map((s) => s.heapMb));
recordResults('interaction', 'rendererMemory', {
  date: new Date().toISOString(),
  env,
  stages,
  targetMb: TARGET_MB,
  met: worst < TARGET_MB,
});
