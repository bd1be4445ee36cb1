/**
 * The PyTorch peer: bench/pytorch_peer.py run by /usr/bin/python3 (PyTorch CPU, one thread, float64).
 * The cases' data and our results go over in a temporary folder (spec.json + data.bin, float64), so
 * PyTorch computes on exactly our numbers and checks its answers against ours before it times anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConvData, StepResult } from './engine-cases';
import { CLOCK } from './sampling';
import { COUNT, LR, SIZE, type LearningSetup, type Weights } from './learning';

export const PYTHON = '/usr/bin/python3';

export interface PytorchConv {
  readonly name: string;
  readonly forwardError: number;
  readonly stepError: number;
  readonly forwardMs: number;
  readonly stepMs: number;
}

export interface PytorchLearning {
  readonly batch: number;
  readonly error: number;
  readonly examplesPerSecond: number;
}

export interface PytorchReport {
  readonly torch: string;
  readonly threads: number;
  readonly conv: PytorchConv[];
  readonly learning: PytorchLearning[];
}

/** Why the PyTorch column is empty, or null when python3 with torch is there. */
export function pytorchMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
  return probe.status === 0
    ? null
    : `${PYTHON} has no torch/numpy (${probe.stderr.trim().split('\n').pop() ?? ''})`;
}

/** Float64 arrays laid end to end; each is referred to as [offset, length]. */
class Blob {
  private parts: Float64Array[] = [];
  private size = 0;

  add(values: ArrayLike<number>): [number, number] {
    const part = Float64Array.from(values);
    this.parts.push(part);
    this.size += part.length;
    return [this.size - part.length, part.length];
  }

  bytes(): Uint8Array {
    const all = new Float64Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      all.set(p, at);
      at += p.length;
    }
    return new Uint8Array(all.buffer);
  }
}

export interface LearningCheck {
  readonly batch: number;
  /** Steps run from `init` before the weights are compared. */
  readonly checkSteps: number;
  /** Our weights after those steps. */
  readonly final: Weights;
}

export function runPytorch(
  cases: { data: ConvData; ours: StepResult }[],
  learning: { setup: LearningSetup; checks: LearningCheck[] },
  budgetMs: number,
): PytorchReport {
  const blob = new Blob();
  const weights = (w: Weights) => ({
    convW: blob.add(w.convW),
    convB: blob.add(w.convB),
    denseW: blob.add(w.denseW),
    denseB: blob.add(w.denseB),
  });
  const spec = {
    budgetMs,
    clock: CLOCK,
    conv: cases.map(({ data, ours }) => ({
      ...data.c,
      input: blob.add(data.input.data),
      weight: blob.add(data.weight.data),
      bias: blob.add(data.bias),
      gradOutput: blob.add(data.gradOutput.data),
      output: blob.add(ours.output),
      gradInput: blob.add(ours.gradInput),
      gradWeight: blob.add(ours.gradWeight),
      gradBias: blob.add(ours.gradBias),
    })),
    learning: {
      count: COUNT,
      size: SIZE,
      lr: LR,
      images: blob.add(learning.setup.images),
      labels: blob.add(learning.setup.labels),
      init: weights(learning.setup.init),
      cases: learning.checks.map((c) => ({
        batch: c.batch,
        checkSteps: c.checkSteps,
        final: weights(c.final),
      })),
    },
  };
  const dir = mkdtempSync(join(tmpdir(), 'convsheet-bench-'));
  try {
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    writeFileSync(join(dir, 'data.bin'), blob.bytes());
    // The bundle runs from node_modules/.bench; the script stays in bench/.
    const script = join(import.meta.dirname, '..', '..', 'bench', 'pytorch_peer.py');
    const run = spawnSync(PYTHON, [script, dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (run.status !== 0) throw new Error(`the PyTorch peer failed:\n${run.stderr}`);
    return JSON.parse(run.stdout) as PytorchReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
