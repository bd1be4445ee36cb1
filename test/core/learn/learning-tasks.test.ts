import { describe, expect, it } from 'vitest';
import { hiddenFilterSet, SOBEL_X, squaresDiamondsSet } from '../../../src-core/learn/generated-sets';
import { initializeWeights } from '../../../src-core/learn/init';
import { trainTestSplit } from '../../../src-core/learn/split';
import { createTrainer } from '../../../src-core/learn/trainer';
import { ok, weightsOf, workbookFrom } from './helpers';

// The two tasks of issue 5's "done when": gradient descent finds a hidden filter again, and a single
// 5 x 5 filter learns to tell squares from diamonds. Both seeded, so they repeat exactly.

describe('rediscovering a hidden filter', () => {
  it('finds Sobel and a zero bias to within 1e-3 from a random start, with 16 examples', () => {
    const start = initializeWeights(
      workbookFrom({
        input: { shape: [1, 8, 8], data: Array(64).fill(0) },
        layers: [{ type: 'conv2d', weight: { shape: [1, 1, 3, 3], data: Array(9).fill(0) }, bias: [0] }],
      }),
      { scheme: 'normal', seed: 1, std: 1 },
    );
    const begin = weightsOf(start, 0);
    // The start is far from the answer (Sobel's own weights have a length of sqrt(12) = 3.46).
    const distance = Math.hypot(...begin.weight.map((w, i) => w - (SOBEL_X[i] ?? NaN)));
    expect(distance).toBeGreaterThan(2);
    const set = hiddenFilterSet({ count: 16, seed: 3 });
    const trainer = ok(
      createTrainer(start, set.examples, {
        loss: 'mse',
        optimizer: { name: 'sgd', lr: 0.1, momentum: 0.9 },
        batchSize: 'all',
      }),
    );
    const run = trainer.run(300);
    expect(run.diverged).toBeNull();
    expect(run.losses[0]).toBeGreaterThan(1);
    const found = weightsOf(trainer.workbook(), 0);
    found.weight.forEach((w, i) => expect(Math.abs(w - (SOBEL_X[i] ?? NaN))).toBeLessThan(1e-3));
    expect(Math.abs(found.bias[0] ?? NaN)).toBeLessThan(1e-3);
  });
});

describe('squares vs diamonds', () => {
  it('a single 5 x 5 filter with a global max pool reaches at least 95% on held-out images', () => {
    const set = squaresDiamondsSet({ count: 300, seed: 7 });
    const { train, test } = trainTestSplit(set.examples, 1 / 3, 1);
    // conv 1@5x5 -> globalmaxpool: the logit is the filter's strongest response anywhere in the image.
    const start = initializeWeights(
      workbookFrom({
        input: { shape: [1, 20, 20], data: Array(400).fill(0) },
        layers: [
          { type: 'conv2d', weight: { shape: [1, 1, 5, 5], data: Array(25).fill(0) }, bias: [0] },
          { type: 'globalmaxpool' },
        ],
      }),
      { scheme: 'he', seed: 1 },
    );
    const trainer = ok(
      createTrainer(start, train, {
        loss: 'bce',
        optimizer: { name: 'adam', lr: 0.05 },
        batchSize: 20,
        shuffleSeed: 1,
        test,
      }),
    );
    const before = trainer.measure('test');
    const run = trainer.runEpochs(30);
    expect(run.diverged).toBeNull();
    expect(test).toHaveLength(100);
    const after = trainer.measure('test');
    expect(before.accuracy).toBeLessThan(0.8);
    expect(after.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(after.loss).toBeLessThan(before.loss);
  });
});
