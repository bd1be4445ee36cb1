import { describe, expect, it } from 'vitest';
import { createTrainer } from '../../../src-core/learn/trainer';
import { evaluate } from '../../../src-core/sheet/evaluate';
import { resolveWorkbook } from '../../../src-core/sheet/shapes';
import type { Workbook } from '../../../src-core/sheet/types';
import { expectClose } from '../support/close';
import { example, ok, weightsOf, workbookFrom } from './helpers';

// One full-batch SGD step must be w - lr * dL/dw, with dL/dw here taken by central finite differences
// of a loss the test computes itself: the sheet's forward pass (checked against PyTorch elsewhere) and
// the bce formula L = mean over examples of max(x, 0) - x*y + log(1 + exp(-|x|)).

const wave = (n: number, phase: number): number[] =>
  Array.from({ length: n }, (_, k) => Math.sin(1.7 * k + phase));

const start = workbookFrom({
  input: { shape: [1, 4, 4], data: wave(16, 0) },
  layers: [
    {
      type: 'conv2d',
      weight: { shape: [2, 1, 3, 3], data: wave(18, 0.3).map((v) => v * 0.5) },
      bias: [0.1, -0.2],
    },
    { type: 'tanh' },
    { type: 'flatten' },
    { type: 'dense', weight: { shape: [1, 8], data: wave(8, 1.1) }, bias: [0.05] },
  ],
});
const examples = [0, 1, 2, 3].map((n) =>
  example([1, 4, 4], wave(16, 0.9 * n + 0.4), { label: n === 1 || n === 2 ? 1 : 0 }),
);

/** The mean bce loss of `workbook` over the examples, by hand. */
function lossByHand(workbook: Workbook): number {
  let sum = 0;
  for (const e of examples) {
    const resolved = ok(resolveWorkbook({ ...workbook, input: { shape: [1, 4, 4], data: e.input.data } }));
    const x = evaluate(resolved).outputs[3]?.data[0] ?? NaN;
    const y = e.label ?? NaN;
    sum += Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
  }
  return sum / examples.length;
}

/** The workbook with one value of layer `layer` changed by `delta`. */
function nudged(layer: number, kind: 'weight' | 'bias', index: number, delta: number): Workbook {
  return {
    ...start,
    layers: start.layers.map((l, k) => {
      if (k !== layer || (l.type !== 'conv2d' && l.type !== 'dense')) return l;
      const values = (kind === 'weight' ? l.weight.data : l.bias.data)?.slice() ?? new Float64Array();
      values[index] = (values[index] ?? 0) + delta;
      return kind === 'weight'
        ? { ...l, weight: { shape: l.weight.shape, data: values } }
        : { ...l, bias: { shape: l.bias.shape, data: values } };
    }),
  } as Workbook;
}

describe('one full-batch SGD step', () => {
  it('moves every weight by -lr times its finite-difference gradient', () => {
    const lr = 0.5;
    const h = 1e-5;
    const trainer = ok(
      createTrainer(start, examples, { loss: 'bce', optimizer: { name: 'sgd', lr }, batchSize: 'all' }),
    );
    const report = trainer.step();
    expect(report.loss).toBeCloseTo(lossByHand(start), 12);
    const after = trainer.workbook();
    for (const layer of [0, 3]) {
      for (const kind of ['weight', 'bias'] as const) {
        const before = weightsOf(start, layer)[kind];
        const moved = weightsOf(after, layer)[kind].map((w, i) => w - (before[i] ?? NaN));
        const expected = before.map((_, i) => {
          const fd =
            (lossByHand(nudged(layer, kind, i, h)) - lossByHand(nudged(layer, kind, i, -h))) / (2 * h);
          return -lr * fd;
        });
        // Central differences are exact to O(h^2) ~ 1e-10 here, so 1e-6 relative leaves a wide margin.
        expectClose(moved, expected, `layers[${layer}].${kind} step`, 1e-6, 1e-10);
      }
    }
  });
});
