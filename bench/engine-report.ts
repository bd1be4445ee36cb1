/** The engine benchmark's table, its targets (issue 8) and the machine it ran on. */
import { cpus, release, totalmem } from 'node:os';
import { printTable } from './timing';

/** Median ms per peer: ours, reference (our TypeScript engine), tfjs-cpu, tfjs-wasm, pytorch. */
export type Timings = Record<string, number>;

export interface ConvRow {
  readonly name: string;
  readonly forward: Timings;
  readonly step: Timings;
}

export interface LearningRow {
  readonly batch: number;
  /** Examples per second per peer: ours (trainer), ours (ops loop), reference, pytorch. */
  readonly rates: Record<string, number>;
}

export interface Target {
  readonly target: string;
  /** The measured ratio (ours / peer, in time: below 1 means ours is faster). */
  readonly ratio: number | null;
  readonly limit: number;
  /** null when the peer did not run. */
  readonly met: boolean | null;
}

export function machine(): Record<string, string | number> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${process.platform} ${release()}`,
  };
}

const PEERS = ['reference', 'tfjs-cpu', 'tfjs-wasm', 'pytorch'];

function ms(v: number | undefined): string {
  if (v === undefined) return '-';
  return v < 1 ? v.toFixed(3) : v < 100 ? v.toFixed(2) : v.toFixed(0);
}

function ratio(ours: number | undefined, peer: number | undefined): number | null {
  return ours === undefined || peer === undefined ? null : ours / peer;
}

function showRatio(r: number | null): string {
  return r === null ? '-' : r.toFixed(r < 0.1 ? 3 : 2);
}

export function targets(rows: readonly ConvRow[], learning: readonly LearningRow[]): Target[] {
  const list: Target[] = [];
  const add = (target: string, r: number | null, limit: number) =>
    list.push({ target, ratio: r, limit, met: r === null ? null : r <= limit });
  for (const row of rows)
    add(`step ${row.name}: ours / tfjs-wasm <= 1.0`, ratio(row.step.ours, row.step['tfjs-wasm']), 1);
  for (const row of rows)
    add(`step ${row.name}: ours / pytorch <= 3.0`, ratio(row.step.ours, row.step.pytorch), 3);
  for (const row of rows)
    add(`step ${row.name}: ours / pytorch <= 1.5 (stretch)`, ratio(row.step.ours, row.step.pytorch), 1.5);
  for (const row of rows)
    add(`forward ${row.name}: ours / tfjs-wasm <= 1.0`, ratio(row.forward.ours, row.forward['tfjs-wasm']), 1);
  const one = learning.find((l) => l.batch === 1);
  for (const who of ['ours (trainer)', 'ours (ops loop)']) {
    // In time per example, pytorch's rate over ours.
    const r =
      one?.rates.pytorch === undefined || one.rates[who] === undefined
        ? null
        : one.rates.pytorch / one.rates[who];
    add(`learning batch 1, ${who}: examples/s >= pytorch's (time ratio <= 1.0)`, r, 1);
  }
  return list;
}

export function printReport(
  env: Record<string, string | number>,
  rows: readonly ConvRow[],
  learning: readonly LearningRow[],
  goals: readonly Target[],
  failures: readonly string[],
): void {
  for (const [k, v] of Object.entries(env)) console.log(`${k}: ${v}`);
  console.log('\nconv2d, median ms per call; ratios are ours / peer (below 1: ours is faster)\n');
  const table: string[][] = [];
  for (const row of rows) {
    for (const [op, t] of [
      ['forward', row.forward],
      ['step', row.step],
    ] as const) {
      table.push([
        row.name,
        op,
        ms(t.ours),
        ...PEERS.map((p) => ms(t[p])),
        ...PEERS.map((p) => showRatio(ratio(t.ours, t[p]))),
      ]);
    }
  }
  printTable(
    [
      'case',
      'op',
      'ours',
      'TS ref',
      'tfjs-cpu',
      'tfjs-wasm',
      'pytorch',
      '/TS ref',
      '/tfjs-cpu',
      '/tfjs-wasm',
      '/pytorch',
    ],
    table,
  );
  console.log('\nlearning: conv 1->4 3x3, ReLU, global max pool, dense 4->1, bce, SGD; examples per second');
  console.log('(time ratio = peer rate / our rate: below 1, ours is faster)\n');
  const who = ['ours (trainer)', 'ours (ops loop)', 'reference', 'pytorch'];
  printTable(
    ['batch', 'trainer', 'ops loop', 'TS ref ops loop', 'pytorch', 'trainer/pytorch', 'ops loop/pytorch'],
    learning.map((l) => {
      const r = (w: string) =>
        l.rates.pytorch === undefined || l.rates[w] === undefined ? null : l.rates.pytorch / l.rates[w];
      return [
        String(l.batch),
        ...who.map((w) => (l.rates[w] === undefined ? '-' : Math.round(l.rates[w]).toString())),
        showRatio(r('ours (trainer)')),
        showRatio(r('ours (ops loop)')),
      ];
    }),
  );
  console.log('\ntargets');
  for (const g of goals) {
    const state = g.met === null ? 'NOT RUN' : g.met ? 'met' : 'NOT MET';
    console.log(`  ${state.padEnd(7)}  ${showRatio(g.ratio).padStart(6)}  ${g.target}`);
  }
  if (failures.length > 0) {
    console.log('\nchecks that failed (those peers were not timed):');
    for (const f of failures) console.log(`  ${f}`);
  }
}
