/**
 * Edit-to-repaint timing, shared by the first-run (repaint.bench.ts) and photo (photo-edit.bench.ts)
 * benchmarks: one cell set again and again (the event a grid fires when a typed number is committed),
 * each edit timed by the page (bench/web/main.ts timedEdit) from a quiet main thread.
 *
 * "work" is what must fit the target: the main-thread time the edit costs (event, recompute, every
 * component's update and redraw) plus the rendering of the frame that shows it. "latency" adds the wait
 * for that frame (up to one frame interval), which no renderer change can remove. "cpu" is the main
 * thread's CPU time over the same span as latency (without the waiting): on a loaded machine, wall time
 * also counts the moments another job had the core.
 */
import { ms, percentile, type BenchPage } from './browser';
import { printTable } from './timing';
import { cpuSpans, traceMarks } from './trace';
import type { EditTiming } from './web/hooks';

const VALUES = [0, 0.5, 1, -0.5, 2];

export interface EditSample extends EditTiming {
  /** Main-thread CPU milliseconds from the edit to just after the paint (bench/trace.ts). */
  readonly cpu: number;
}

/**
 * `n` timed steps (each one the page's timedEdit or timedZoom), traced for the main thread's CPU time
 * of each.
 */
export async function timeSteps(
  h: BenchPage,
  n: number,
  step: (i: number) => Promise<EditTiming>,
): Promise<EditSample[]> {
  const timings: EditTiming[] = [];
  const marks = await traceMarks(h.cdp, async () => {
    for (let i = 0; i < n; i++) timings.push(await step(i));
  });
  const cpu = cpuSpans(marks, 'cs-edit', 'cs-painted');
  if (cpu.length !== timings.length) throw new Error(`traced ${cpu.length} of ${timings.length} steps`);
  return timings.map((t, i) => ({ ...t, cpu: cpu[i] ?? Number.NaN }));
}

/** `n` timed edits of cell `index` of the grid labelled `label`, cycling through a few values. */
export function timeEdits(h: BenchPage, label: string, index: number, n: number): Promise<EditSample[]> {
  return timeSteps(h, n, (i) =>
    h.page.evaluate(([l, k, v]) => window.convsheetBench.timedEdit(l, k, v), [
      label,
      index,
      VALUES[i % VALUES.length] ?? 0,
    ] as const),
  );
}

export interface EditSummary {
  readonly case: string;
  readonly edits: number;
  readonly recomputeMedian: number;
  readonly jsMedian: number;
  readonly frameMedian: number;
  readonly workMedian: number;
  readonly workP95: number;
  readonly latencyMedian: number;
  readonly latencyP95: number;
  readonly cpuMedian: number;
  readonly cpuP95: number;
  readonly targetMs: number;
  /** Work p95 within the target. */
  readonly met: boolean;
  /** Main-thread CPU p95 within the target: what the renderer costs, load aside. */
  readonly cpuMet: boolean;
}

const round = (v: number) => Math.round(v * 10) / 10;

export function summarise(name: string, samples: readonly EditSample[], targetMs: number): EditSummary {
  const work = samples.map((s) => s.js + s.frame);
  const latency = samples.map((s) => s.latency);
  const workP95 = percentile(work, 0.95);
  const cpu = samples.map((s) => s.cpu);
  const cpuP95 = percentile(cpu, 0.95);
  return {
    case: name,
    edits: samples.length,
    recomputeMedian: round(
      percentile(
        samples.map((s) => s.recompute),
        0.5,
      ),
    ),
    jsMedian: round(
      percentile(
        samples.map((s) => s.js),
        0.5,
      ),
    ),
    frameMedian: round(
      percentile(
        samples.map((s) => s.frame),
        0.5,
      ),
    ),
    workMedian: round(percentile(work, 0.5)),
    workP95: round(workP95),
    latencyMedian: round(percentile(latency, 0.5)),
    latencyP95: round(percentile(latency, 0.95)),
    cpuMedian: round(percentile(cpu, 0.5)),
    cpuP95: round(cpuP95),
    targetMs,
    met: workP95 <= targetMs,
    cpuMet: cpuP95 <= targetMs,
  };
}

export function printEditTable(rows: readonly EditSummary[]): void {
  printTable(
    [
      'case',
      'recompute',
      'js median',
      'frame median',
      'work median',
      'work p95',
      'latency p95',
      'cpu median',
      'cpu p95',
      'target',
      'met (work)',
      'met (cpu)',
    ],
    rows.map((r) => [
      r.case,
      ms(r.recomputeMedian),
      ms(r.jsMedian),
      ms(r.frameMedian),
      ms(r.workMedian),
      ms(r.workP95),
      ms(r.latencyP95),
      ms(r.cpuMedian),
      ms(r.cpuP95),
      String(r.targetMs),
      r.met ? 'yes' : 'NO',
      r.cpuMet ? 'yes' : 'NO',
    ]),
  );
}
