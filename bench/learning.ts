/**
 * The learning-throughput case: a 28x28 classifier (conv 1->4 3x3 with bias, ReLU, global max pool,
 * dense 4->1, bce), plain SGD, batches in file order. Two ways of running it on our engine:
 *  - the product's training loop (src-core/learn: createTrainer, as the app's worker and the CLI use it);
 *  - a loop written directly on the ops, as the PyTorch peer is written directly on torch.nn.functional
 *    (like PyTorch for an input that needs no gradient, it skips the first layer's dL/dinput).
 */
import { createTrainer, type Example } from '../src-core/learn';
import {
  bce,
  conv2dForward,
  conv2dParameterGradients,
  denseBackward,
  denseForward,
  globalMaxPoolBackward,
  globalMaxPoolForward,
  reluBackward,
  reluForward,
  type WindowGeometry,
} from '../src-core/ops';
import { createRandom } from '../src-core/random';
import { parseWorkbook } from '../src-core/sheet/read';
import { tensor, type Tensor } from '../src-core/tensor';

export const SIZE = 28;
export const COUNT = 256;
export const LR = 0.05;

/** Initial weights, shared with the PyTorch peer. */
export interface Weights {
  readonly convW: Float64Array;
  readonly convB: Float64Array;
  readonly denseW: Float64Array;
  readonly denseB: Float64Array;
}

export interface LearningSetup {
  readonly images: Float64Array;
  readonly labels: Float64Array;
  readonly examples: Example[];
  readonly init: Weights;
}

export function learningSetup(seed: number): LearningSetup {
  const random = createRandom(seed);
  const uniform = (n: number, bound: number) =>
    Float64Array.from({ length: n }, () => (random.next() * 2 - 1) * bound);
  const images = Float64Array.from({ length: COUNT * SIZE * SIZE }, () => random.next());
  const labels = Float64Array.from({ length: COUNT }, () => random.int(2));
  const examples = Array.from({ length: COUNT }, (_, e) => ({
    input: tensor([1, SIZE, SIZE], images.subarray(e * SIZE * SIZE, (e + 1) * SIZE * SIZE)),
    label: labels[e] ?? 0,
    target: null,
  }));
  // PyTorch's default init bounds: 1/sqrt(fan_in), fan_in 9 for the conv and 4 for the dense layer.
  const init = {
    convW: uniform(36, 1 / 3),
    convB: uniform(4, 1 / 3),
    denseW: uniform(4, 0.5),
    denseB: uniform(1, 0.5),
  };
  return { images, labels, examples, init };
}

/** Runs SGD steps of `batch` examples; `weights()` reads the current values. */
export interface Learner {
  run(steps: number): void;
  weights(): Weights;
}

export function trainerLearner(setup: LearningSetup, batch: number): Learner {
  const { init } = setup;
  const read = parseWorkbook({
    format: 'convsheet',
    version: 1,
    input: { shape: [1, SIZE, SIZE], data: Array.from(setup.images.subarray(0, SIZE * SIZE)) },
    layers: [
      {
        type: 'conv2d',
        name: 'conv',
        weight: { shape: [4, 1, 3, 3], data: Array.from(init.convW) },
        bias: Array.from(init.convB),
      },
      { type: 'relu' },
      { type: 'globalmaxpool' },
      {
        type: 'dense',
        name: 'fc',
        weight: { shape: [1, 4], data: Array.from(init.denseW) },
        bias: Array.from(init.denseB),
      },
    ],
  });
  if (!read.ok) throw new Error(read.errors[0]?.message);
  const made = createTrainer(read.value, setup.examples, {
    loss: 'bce',
    optimizer: { name: 'sgd', lr: LR },
    batchSize: batch,
  });
  if (!made.ok) throw new Error(made.errors[0]?.message);
  const trainer = made.value;
  const value = (layer: number, kind: 'weight' | 'bias') =>
    (
      trainer.parameters.find((p) => p.layer === layer && p.kind === kind)?.values ?? new Float64Array()
    ).slice();
  return {
    run: (steps) => void trainer.run(steps),
    weights: () => ({
      convW: value(0, 'weight'),
      convB: value(0, 'bias'),
      denseW: value(3, 'weight'),
      denseB: value(3, 'bias'),
    }),
  };
}

const valid3x3: WindowGeometry = {
  kernelH: 3,
  kernelW: 3,
  strideH: 1,
  strideW: 1,
  padTop: 0,
  padBottom: 0,
  padLeft: 0,
  padRight: 0,
  dilationH: 1,
  dilationW: 1,
};

/** The same SGD on the ops directly: forward, bce, backward per example, mean over the batch, update. */
export function opsLearner(setup: LearningSetup, batch: number): Learner {
  const convW = tensor([4, 1, 3, 3], setup.init.convW.slice());
  const convB = setup.init.convB.slice();
  const denseW = tensor([1, 4], setup.init.denseW.slice());
  const denseB = setup.init.denseB.slice();
  const params = [convW.data, convB, denseW.data, denseB];
  const sums = params.map((p) => new Float64Array(p.length));
  let z: Tensor | undefined,
    a: Tensor | undefined,
    m: Tensor | undefined,
    out: Tensor | undefined,
    seed: Tensor | undefined;
  let step = 0;
  const example = (e: number) => {
    const x = setup.examples[e]?.input ?? tensor([1, SIZE, SIZE]);
    z = conv2dForward(x, convW, convB, valid3x3, 'zeros', false, z);
    a = reluForward(z, a);
    m = globalMaxPoolForward(a, m);
    out = denseForward(m, denseW, denseB, out);
    seed = bce(out, setup.labels[e] ?? 0, seed).grad;
    seed.data[0] = (seed.data[0] ?? 0) / batch;
    const dense = denseBackward(m, denseW, seed);
    const conv = conv2dParameterGradients(
      x,
      convW,
      valid3x3,
      'zeros',
      false,
      reluBackward(z, globalMaxPoolBackward(a, dense.gradInput, m)),
    );
    [conv.gradWeight.data, conv.gradBias, dense.gradWeight.data, dense.gradBias].forEach((g, k) => {
      const sum = sums[k] as Float64Array;
      for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) + (g[i] ?? 0);
    });
  };
  return {
    run(steps) {
      for (let s = 0; s < steps; s++, step++) {
        for (const sum of sums) sum.fill(0);
        const first = (step * batch) % COUNT;
        for (let e = first; e < first + batch; e++) example(e);
        params.forEach((p, k) => {
          const g = sums[k] as Float64Array;
          for (let i = 0; i < p.length; i++) p[i] = (p[i] ?? 0) - LR * (g[i] ?? 0);
        });
      }
    },
    weights: () => ({
      convW: convW.data.slice(),
      convB: convB.slice(),
      denseW: denseW.data.slice(),
      denseB: denseB.slice(),
    }),
  };
}
