import { describe, expect, it } from 'vitest';
import { createTrainer } from '../../../src-core/learn/trainer';
import { example, ok, weightsOf, workbookFrom } from './helpers';

// The training loop on networks small enough to follow by hand.

/** One weight w on a 1 x 1 x 1 input x = 1, target 0: loss = w^2, dL/dw = 2w, so SGD gives w(1 - 2 lr). */
const oneWeight = (w: number, input = 1) =>
  workbookFrom({
    input: { shape: [1, 1, 1], data: [input] },
    layers: [{ type: 'conv2d', weight: { shape: [1, 1, 1, 1], data: [w] } }],
  });
const toZero = (input = 1) => [example([1, 1, 1], [input], { target: { shape: [1, 1, 1], data: [0] } })];

describe('steps', () => {
  it('report the loss before the update and the batch gradient', () => {
    // w = 3: loss 9, dL/dw = 6; lr 0.25: w = 3 * (1 - 0.5) = 1.5, then loss 2.25, dL/dw = 3
    const t = ok(
      createTrainer(oneWeight(3), toZero(), {
        loss: 'mse',
        optimizer: { name: 'sgd', lr: 0.25 },
        batchSize: 1,
      }),
    );
    const first = t.step();
    expect(first.loss).toBe(9);
    expect(Array.from(first.gradients[0]?.weight.data ?? [])).toEqual([6]);
    expect(first.accuracy).toBeNull();
    expect(t.step().loss).toBe(2.25);
    expect(weightsOf(t.workbook(), 0).weight).toEqual([0.75]);
    expect(t.updates).toBe(2);
  });

  it('a bias-free layer keeps its zero bias and stays bias-free', () => {
    const t = ok(
      createTrainer(oneWeight(3), toZero(), {
        loss: 'mse',
        optimizer: { name: 'adam', lr: 0.1 },
        batchSize: 1,
      }),
    );
    t.run(5);
    const layer = t.workbook().layers[0];
    expect(layer?.type === 'conv2d' && layer.hasBias).toBe(false);
    expect(weightsOf(t.workbook(), 0).bias).toEqual([0]);
    expect(t.parameters.map((p) => p.path)).toEqual(['layers[0].weight.data']);
  });

  it('an edited weight is used from the next step on', () => {
    const t = ok(
      createTrainer(oneWeight(3), toZero(), {
        loss: 'mse',
        optimizer: { name: 'sgd', lr: 0.25 },
        batchSize: 1,
      }),
    );
    t.step();
    expect(t.setValue(0, 'weight', 0, 10)).toBeNull();
    expect(t.step().loss).toBe(100);
    expect(t.setValue(0, 'bias', 0, 1)?.message).toContain('has no bias');
    expect(t.setValue(0, 'weight', 1, 1)?.path).toBe('layers[0].weight.data[1]');
  });

  it('the accuracy counts the right answers of the batch (bce: logit > 0 is class 1)', () => {
    // output = w * x with w = 1: logits 2, -1, 3, 0.5 against labels 1, 1, 0, 0 -> 1 right of 4
    const wb = oneWeight(1);
    const set = [2, -1, 3, 0.5].map((x, i) => example([1, 1, 1], [x], { label: i < 2 ? 1 : 0 }));
    const t = ok(
      createTrainer(wb, set, { loss: 'bce', optimizer: { name: 'sgd', lr: 0.1 }, batchSize: 'all' }),
    );
    expect(t.step().accuracy).toBe(0.25);
  });

  it('batches follow the file order, epoch after epoch, the last batch smaller', () => {
    const set = [1, 2, 3, 4, 5].map((x) =>
      example([1, 1, 1], [x], { target: { shape: [1, 1, 1], data: [0] } }),
    );
    const t = ok(
      createTrainer(oneWeight(0), set, { loss: 'mse', optimizer: { name: 'sgd', lr: 0.1 }, batchSize: 2 }),
    );
    const seen = [0, 1, 2, 3].map(() => t.step());
    expect(seen.map((r) => r.examples)).toEqual([[0, 1], [2, 3], [4], [0, 1]]);
    expect(seen.map((r) => r.epoch)).toEqual([0, 0, 0, 1]);
    expect(t.batchesPerEpoch).toBe(3);
  });
});

describe('divergence', () => {
  it('an exploding loss stops learning and puts back the last good weights', () => {
    // lr 10: w -> -19 w. Losses 1, 361, 130321; 130321 > 1000 * 1 at step 3, so the weights after
    // step 1 (w = -19, loss 361) come back.
    const t = ok(
      createTrainer(oneWeight(1), toZero(), {
        loss: 'mse',
        optimizer: { name: 'sgd', lr: 10 },
        batchSize: 1,
      }),
    );
    const run = t.run(10);
    expect(run.losses).toEqual([1, 361]);
    expect(run.diverged?.reason).toBe('exploding');
    expect(run.diverged?.step).toBe(2);
    expect(run.diverged?.loss).toBe(130321);
    expect(run.diverged?.restoredStep).toBe(1);
    expect(weightsOf(t.workbook(), 0).weight).toEqual([-19]);
    expect(run.diverged?.message).toBe(
      'learning diverged at step 3: the loss exploded to 1.303e+5 (from 1.000 at the start), so it stopped ' +
        'and the weights after step 1 are back; try a smaller learning rate, such as 1 (now 10)',
    );
  });

  it('after lowering the learning rate, learning goes on from the restored weights', () => {
    const t = ok(
      createTrainer(oneWeight(1), toZero(), {
        loss: 'mse',
        optimizer: { name: 'sgd', lr: 10 },
        batchSize: 1,
      }),
    );
    t.run(10);
    t.setLearningRate(0.25);
    // w = -19 -> -19 * (1 - 0.5) = -9.5
    expect(t.step().loss).toBe(361);
    expect(weightsOf(t.workbook(), 0).weight).toEqual([-9.5]);
  });

  it('an infinite loss at the first step leaves the weights from before learning', () => {
    // 1e200^2 overflows float64
    const t = ok(
      createTrainer(oneWeight(1, 1e200), toZero(1e200), {
        loss: 'mse',
        optimizer: { name: 'sgd', lr: 0.1 },
        batchSize: 1,
      }),
    );
    const run = t.run(3);
    expect(run.losses).toEqual([]);
    expect(run.diverged?.reason).toBe('infinity');
    expect(run.diverged?.message).toContain('the weights from before learning are back');
    expect(weightsOf(t.workbook(), 0).weight).toEqual([1]);
  });

  it('a NaN loss is named as such', () => {
    // 10 * 1e308 - 10 * 1e308 = Infinity - Infinity = NaN
    const wb = workbookFrom({
      input: { shape: [1, 1, 2], data: [1e308, 1e308] },
      layers: [{ type: 'conv2d', weight: { shape: [1, 1, 1, 2], data: [10, -10] } }],
    });
    const set = [example([1, 1, 2], [1e308, 1e308], { target: { shape: [1, 1, 1], data: [0] } })];
    const run = ok(
      createTrainer(wb, set, { loss: 'mse', optimizer: { name: 'sgd', lr: 0.1 }, batchSize: 1 }),
    ).run(1);
    expect(run.diverged?.reason).toBe('nan');
    expect(run.diverged?.message).toContain('the loss became NaN');
  });
});

describe('what learns', () => {
  /** conv 1@3x3 with a bias, then a frozen dense layer. */
  const net = (learn?: unknown) =>
    workbookFrom({
      input: { shape: [1, 3, 3], data: [0, 0, 0, 0, 0, 0, 0, 0, 0] },
      layers: [
        {
          type: 'conv2d',
          name: 'edge',
          weight: { shape: [1, 1, 3, 3], data: [1, 2, 3, 4, 0.5, 6, 7, 8, 9] },
          bias: [0.5],
        },
        { type: 'dense', weight: { shape: [2, 1], data: [1, -1] }, bias: [0, 0], trainable: false },
      ],
      ...(learn === undefined ? {} : { learn }),
    });
  const set = [0, 1, 2, 3].map((n) =>
    example([1, 3, 3], [0.1 * n, 0.2, 0.3, 0.4, 0.5 - 0.1 * n, 0.6, 0.7, 0.8, 0.9], { label: n % 2 }),
  );

  it('frozen cells and frozen layers do not move; the rest does', () => {
    const wb = net({ frozen: [{ layer: 'edge', weight: [4], bias: [0] }], history: 'kept' });
    const t = ok(
      createTrainer(wb, set, {
        loss: 'ce',
        optimizer: { name: 'adam', lr: 0.1, weightDecay: 0.1 },
        batchSize: 2,
      }),
    );
    t.run(6);
    const conv = weightsOf(t.workbook(), 0);
    expect(conv.weight[4]).toBe(0.5);
    expect(conv.bias).toEqual([0.5]);
    expect(conv.weight.filter((w, i) => w !== [1, 2, 3, 4, 0.5, 6, 7, 8, 9][i])).toHaveLength(8);
    expect(weightsOf(t.workbook(), 1)).toEqual({ weight: [1, -1], bias: [0, 0] });
    expect(t.workbook().learn).toEqual(wb.learn);
  });

  it('frozen cells that do not exist are errors at their place in learn.frozen', () => {
    const bad = createTrainer(net({ frozen: [{ layer: 'edge', weight: [9] }, { layer: 'nope' }] }), set, {
      loss: 'ce',
      optimizer: { name: 'sgd', lr: 0.1 },
      batchSize: 2,
    });
    expect(bad.ok ? [] : bad.errors.map((e) => e.path)).toEqual([
      'learn.frozen[0].weight[0]',
      'learn.frozen[1].layer',
    ]);
  });

  it('refuses a network with nothing trainable, a shape-only workbook, and a bad batch size', () => {
    const frozen = workbookFrom({
      input: { shape: [1, 1, 1], data: [1] },
      layers: [{ type: 'conv2d', weight: { shape: [1, 1, 1, 1], data: [1] }, trainable: false }],
    });
    const r = createTrainer(frozen, toZero(), {
      loss: 'mse',
      optimizer: { name: 'sgd', lr: 0.1 },
      batchSize: 1,
    });
    expect(r.ok ? '' : r.errors[0]?.message).toContain('nothing to learn');
    const shapes = workbookFrom({
      input: { shape: [1, 1, 1] },
      layers: [{ type: 'conv2d', weight: { shape: [1, 1, 1, 1] } }],
    });
    const s = createTrainer(shapes, toZero(), {
      loss: 'mse',
      optimizer: { name: 'sgd', lr: 0.1 },
      batchSize: 1,
    });
    expect(s.ok ? '' : s.errors[0]?.message).toBe(
      'input: no data (this workbook describes shapes only); eval and learn need every value',
    );
    const b = createTrainer(oneWeight(1), toZero(), {
      loss: 'mse',
      optimizer: { name: 'sgd', lr: 0.1 },
      batchSize: 0,
    });
    expect(b.ok ? [] : b.errors.map((e) => e.path)).toEqual(['batch']);
  });
});

describe('seeds', () => {
  const set = Array.from({ length: 6 }, (_, n) =>
    example([1, 1, 2], [n, 1 - n], { target: { shape: [2, 1, 1], data: [n % 2, 1] } }),
  );
  const wb = workbookFrom({
    input: { shape: [1, 1, 2], data: [0, 0] },
    layers: [
      { type: 'dropout', p: 0.5 },
      { type: 'dense', weight: { shape: [2, 2], data: [0.1, 0.2, 0.3, 0.4] }, bias: [0, 0] },
    ],
  });
  const losses = (shuffleSeed: number | null, dropoutSeed: number) =>
    ok(
      createTrainer(wb, set, {
        loss: 'mse',
        optimizer: { name: 'sgd', lr: 0.05 },
        batchSize: 2,
        shuffleSeed,
        dropoutSeed,
      }),
    ).run(9).losses;

  it('the same seeds repeat a run exactly; another dropout seed gives other masks', () => {
    expect(losses(7, 3)).toEqual(losses(7, 3));
    expect(losses(7, 3)).not.toEqual(losses(7, 4));
  });

  it('with a shuffle seed each epoch visits every example once, in a new order', () => {
    const t = ok(
      createTrainer(wb, set, {
        loss: 'mse',
        optimizer: { name: 'sgd', lr: 0.05 },
        batchSize: 4,
        shuffleSeed: 11,
      }),
    );
    const epochs = [0, 1, 2].map(() => [...t.step().examples, ...t.step().examples]);
    for (const e of epochs) expect([...e].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(epochs.map((e) => e.join())).size).toBeGreaterThan(1);
  });

  it('dropout is off when measuring: the loss of the whole set is the plain forward pass', () => {
    // dense only (dropout identity): outputs [0.1n + 0.2(1-n), 0.3n + 0.4(1-n)] against [n mod 2, 1]
    const t = ok(createTrainer(wb, set, { loss: 'mse', optimizer: { name: 'sgd', lr: 0.05 }, batchSize: 2 }));
    let sum = 0;
    for (let n = 0; n < 6; n++) {
      const o1 = 0.1 * n + 0.2 * (1 - n);
      const o2 = 0.3 * n + 0.4 * (1 - n);
      sum += ((o1 - (n % 2)) ** 2 + (o2 - 1) ** 2) / 2;
    }
    expect(t.measure('train').loss).toBeCloseTo(sum / 6, 14);
  });
});
