import { spawnSync } from 'node:child_process';
import { strokesSet } from '../src-core/learn/generated-sets';
import { createTrainer } from '../src-core/learn/trainer';
import { firstRunWorkbook } from '../src-core/presets/workbooks';
import { setValues, type ValuesTarget } from '../src-core/sheet/edit';
import { parseWorkbook } from '../src-core/sheet/read';
import { Session } from '../src-renderer/session';
import { printTable } from './timing';

// Long sessions without memory growth (issue 10): 10,000 edits with undo and redo through the sheet's
// own Session (src-renderer/session.ts: edit, record in the undo history, recompute from the edited
// layer), and a long learning run, scaled down from 30 minutes. Memory is measured after a full
// garbage collection: the V8 heap plus the typed arrays' backing stores (which live outside it).

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  // Measuring needs a collection on demand: run again with --expose-gc (bench.mjs spawns plain node).
  const again = spawnSync(process.execPath, ['--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}

function used(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(2);

/** Least-squares slope of y over x: the growth per step once warmed up. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] ?? 0) - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

// --- 10,000 edits with undo and redo -------------------------------------------------------------------

function editSession(edits: number): void {
  const session = new Session(firstRunWorkbook());
  // The three grids a student types into: the digit (784 values), conv1's filters, fc1's 2,880 weights.
  const targets: { target: ValuesTarget; size: number }[] = [
    { target: { kind: 'input' }, size: 784 },
    { target: { kind: 'weight', layer: 0 }, size: 18 },
    { target: { kind: 'weight', layer: 5 }, size: 2880 },
  ];
  const base = used();
  const rows: string[][] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  const start = performance.now();
  let undos = 0;
  let redos = 0;
  for (let i = 1; i <= edits; i++) {
    const { target, size } = targets[i % 3] ?? { target: { kind: 'input' }, size: 1 };
    const refused = session.apply(
      setValues(session.workbook, target, [{ index: (i * 7919) % size, value: Math.sin(i) }]),
      false,
    );
    if (refused !== null) throw new Error(refused[0]?.message);
    // Every tenth edit: three undos, then two redos (the last one is left undone, then overwritten).
    if (i % 10 === 0) {
      for (let k = 0; k < 3; k++) if (session.undo() !== null) undos++;
      for (let k = 0; k < 2; k++) if (session.redo() !== null) redos++;
    }
    if (i % (edits / 10) === 0) {
      const now = used();
      rows.push([
        String(i),
        String(session.history.past.length),
        String(session.history.future.length),
        mb(now - base),
      ]);
      if (i >= edits / 5) {
        xs.push(i);
        ys.push(now);
      }
    }
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `Edit session: ${edits.toLocaleString('en')} edits, ${undos} undos, ${redos} redos in ${seconds.toFixed(1)} s; undo history limit ${session.history.limit} steps`,
  );
  printTable(['edits', 'undo steps', 'redo steps', 'memory over start (MB)'], rows);
  // The bound: each step keeps the workbook before it, sharing every tensor but the one edited, so at
  // most `limit` copies of the largest edited tensor (fc1: 2,880 float64 = 22.5 KB).
  const bound = session.history.limit * 2880 * 8;
  console.log(
    `Undo history bound: ${mb(bound)} MB; growth over the last 80% of the edits: ${((slope(xs, ys) * 1000) / 1024).toFixed(2)} KB per 1,000 edits\n`,
  );
}

// --- a long learning run ---------------------------------------------------------------------------------

function learningRun(steps: number): void {
  // A small model on 10 x 10 strokes: conv 4 x 3 x 3, ReLU, 2 x 2 max pool, dense 64 -> 2, Adam, batch 8.
  const read = parseWorkbook({
    format: 'convsheet',
    version: 1,
    input: { shape: [1, 10, 10], data: new Array(100).fill(0) },
    layers: [
      {
        type: 'conv2d',
        weight: { shape: [4, 1, 3, 3], data: Array.from({ length: 36 }, (_, i) => Math.sin(i) / 3) },
      },
      { type: 'relu' },
      { type: 'maxpool2d', size: 2 },
      {
        type: 'dense',
        weight: { shape: [2, 64], data: Array.from({ length: 128 }, (_, i) => Math.cos(i) / 8) },
      },
    ],
  });
  if (!read.ok) throw new Error(read.errors[0]?.message);
  const set = strokesSet({ count: 64, seed: 1 });
  const made = createTrainer(read.value, set.examples, {
    loss: 'ce',
    optimizer: { name: 'adam', lr: 0.01 },
    batchSize: 8,
    shuffleSeed: 1,
  });
  if (!made.ok) throw new Error(made.errors[0]?.message);
  const trainer = made.value;
  const every = steps / 10;
  const base = used();
  const rows: string[][] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  const start = performance.now();
  let loss = NaN;
  for (let s = 1; s <= steps; s++) {
    const report = trainer.step();
    if (report.diverged !== null) throw new Error(report.diverged.message);
    loss = report.loss;
    // What the app's worker posts: the weights as a workbook every 100 steps.
    if (s % 100 === 0) trainer.workbook();
    if (s % every === 0) {
      const now = used();
      rows.push([String(s), loss.toExponential(2), mb(now - base)]);
      if (s >= 2 * every) {
        xs.push(s);
        ys.push(now);
      }
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const rate = steps / seconds;
  const perStep = slope(xs, ys);
  const in30 = rate * 1800;
  console.log(
    `Learning run: ${steps.toLocaleString('en')} steps in ${seconds.toFixed(1)} s (${Math.round(rate)} steps/s)`,
  );
  printTable(['steps', 'batch loss', 'memory over start (MB)'], rows);
  console.log(
    `Growth: ${perStep.toFixed(4)} bytes per step; 30 minutes at this rate is ${Math.round(in30).toLocaleString('en')} steps, ` +
      `so ${mb(perStep * in30)} MB projected over 30 minutes`,
  );
}

editSession(Number(process.env.CONVSHEET_EDITS ?? 10_000));
learningRun(Number(process.env.CONVSHEET_LEARN_STEPS ?? 200_000));
