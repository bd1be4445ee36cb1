/**
 * The generated example sets the panel offers, each with a network its examples fit and settings
 * that learn it in seconds. Choosing one whose examples do not fit the open workbook opens its own
 * network (one undoable change), whose input is the set's first image and whose weights start at a
 * seeded random draw, so there is something to watch move from the first click on Learn.
 */
import type { ExampleSet } from '../../src-core/learn/example-set';
import { hiddenFilterSet, squaresDiamondsSet, strokesSet } from '../../src-core/learn/generated-sets';
import { initializeWeights, type InitScheme } from '../../src-core/learn/init';
import { drawPerClass } from '../../src-core/learn/subset';
import { conv2dLayer, denseLayer, maxPool2dLayer, plainLayer } from '../../src-core/sheet/edit-layers';
import type { Workbook } from '../../src-core/sheet/types';
import { loadPool, type PoolId } from './datasets';
import type { LearnSettings } from './settings';

export type TaskId = 'sobel' | 'strokes' | 'squares-diamonds' | 'mnist-3-7' | 'mnist-digits' | 'fashion-4';

export interface LearnTask {
  readonly id: TaskId;
  readonly title: string;
  /** What the set is and what to watch, in a sentence or two. */
  readonly description: string;
  readonly count: number;
  /** The seed the set is drawn with unless the learner picks another. */
  readonly seed: number;
  /** The set; the MNIST and Fashion-MNIST ones once their built-in images have loaded. */
  readonly examples: (seed: number) => ExampleSet | Promise<ExampleSet>;
  /** A network the examples fit, its input the set's first image. */
  readonly network: (set: ExampleSet) => Workbook;
  readonly settings: Partial<LearnSettings>;
}

/** One conv layer with a single KH x KW filter and a bias, started from a seeded draw. */
function oneFilter(
  name: string,
  set: ExampleSet,
  kernel: number,
  scheme: InitScheme,
  after: readonly ('globalmaxpool' | 'relu')[] = [],
  padding: 0 | 'same' = 0,
): Workbook {
  const first = set.examples[0];
  if (first === undefined) throw new RangeError('an empty example set has no first image');
  const [c = 1, h = 1, w = 1] = first.input.shape;
  const zeros = new Array<number>(c * kernel * kernel).fill(0);
  const workbook: Workbook = {
    name,
    input: { shape: [c, h, w], data: first.input.data.slice() },
    layers: [
      conv2dLayer('conv1', [1, c, kernel, kernel], zeros, { padding }),
      ...after.map((type, i) => plainLayer(type, `${type === 'relu' ? 'relu' : 'pool'}${i + 1}`)),
    ],
  };
  return initializeWeights(workbook, { scheme, seed: 1 });
}

/**
 * The fast.ai sheet's shape of network for 28 x 28 images: 4 filters of 3 x 3, ReLU, a 2 x 2 max pool
 * and one dense score per class (4 x 13 x 13 = 676 inputs each), for ce.
 */
function scoresNetwork(name: string, set: ExampleSet, classes: number): Workbook {
  const first = set.examples[0];
  if (first === undefined) throw new RangeError('an empty example set has no first image');
  const [c = 1, h = 1, w = 1] = first.input.shape;
  const flat = 4 * Math.floor((h - 2) / 2) * Math.floor((w - 2) / 2);
  const workbook: Workbook = {
    name,
    input: { shape: [c, h, w], data: first.input.data.slice() },
    layers: [
      conv2dLayer('conv1', [4, c, 3, 3], new Array<number>(4 * c * 9).fill(0)),
      plainLayer('relu', 'relu1'),
      maxPool2dLayer('maxpool1', 2),
      denseLayer('scores', [classes, flat], new Array<number>(classes * flat).fill(0)),
    ],
  };
  return initializeWeights(workbook, { scheme: 'he', seed: 1 });
}

/** A seeded draw of `perClass` images of each of `classes` from a built-in pool. */
function drawn(pool: PoolId, classes: readonly number[], perClass: number) {
  return async (seed: number): Promise<ExampleSet> =>
    drawPerClass(await loadPool(pool), { classes, perClass, seed });
}

/** What the image sets learn with: Adam, batches of 20, a fifth held out to test. */
const IMAGE_SETTINGS: Partial<LearnSettings> = {
  loss: 'ce',
  optimizer: 'adam',
  lr: 0.01,
  weightDecay: 0,
  batchSize: 20,
  shuffleSeed: 1,
  lengthUnit: 'epochs',
  length: 5,
  init: 'keep',
  testFraction: 0.2,
  splitSeed: 1,
};

export const LEARN_TASKS: readonly LearnTask[] = [
  {
    id: 'sobel',
    title: 'Rediscover Sobel',
    description:
      'Random 8 × 8 images and what the Sobel filter [-1 0 1; -2 0 2; -1 0 1] makes of them. ' +
      'Starting from random numbers, can gradient descent find the filter again from 16 examples?',
    count: 16,
    seed: 3,
    examples: (seed) => hiddenFilterSet({ count: 16, seed }),
    network: (set) => oneFilter('Rediscover Sobel', set, 3, 'uniform'),
    settings: {
      loss: 'mse',
      optimizer: 'sgd',
      lr: 0.1,
      momentum: 0.9,
      nesterov: false,
      weightDecay: 0,
      batchSize: 'all',
      shuffleSeed: null,
      lengthUnit: 'steps',
      length: 300,
      init: 'keep',
      testFraction: 0,
    },
  },
  {
    id: 'strokes',
    title: 'Horizontal vs vertical strokes',
    description:
      '10 × 10 images of one straight stroke. One 3 × 3 filter and a global max pool: ' +
      'its strongest response anywhere decides (above 0: vertical).',
    count: 60,
    seed: 2,
    examples: (seed) => strokesSet({ count: 60, seed }),
    network: (set) => oneFilter('Strokes: horizontal or vertical', set, 3, 'he', ['globalmaxpool'], 'same'),
    settings: {
      loss: 'bce',
      optimizer: 'adam',
      lr: 0.1,
      weightDecay: 0,
      batchSize: 10,
      shuffleSeed: 1,
      lengthUnit: 'epochs',
      length: 20,
      init: 'keep',
      testFraction: 0.25,
      splitSeed: 1,
    },
  },
  {
    id: 'squares-diamonds',
    title: 'Squares vs diamonds',
    description:
      '20 × 20 images of one filled square or diamond, anywhere in the frame. One 5 × 5 filter and a ' +
      'global max pool learn to tell them apart; a third of the images are held out to test it.',
    count: 300,
    seed: 7,
    examples: (seed) => squaresDiamondsSet({ count: 300, seed }),
    network: (set) => oneFilter('Squares vs diamonds', set, 5, 'he', ['globalmaxpool']),
    settings: {
      loss: 'bce',
      optimizer: 'adam',
      lr: 0.05,
      weightDecay: 0,
      batchSize: 20,
      shuffleSeed: 1,
      lengthUnit: 'epochs',
      length: 30,
      init: 'keep',
      testFraction: 1 / 3,
      splitSeed: 1,
    },
  },
  {
    id: 'mnist-3-7',
    title: 'MNIST: 3 vs 7',
    description:
      '300 handwritten digits, 150 threes and 150 sevens, drawn by the seed from 200 of each built into the app. ' +
      'A fifth are held out to test. Learns on the sheet when the images fit it; its own network: four 3 × 3 filters, ReLU, a max pool, two class scores.',
    count: 300,
    seed: 1,
    examples: drawn('mnist', [3, 7], 150),
    network: (set) => scoresNetwork('MNIST: 3 vs 7', set, 2),
    settings: IMAGE_SETTINGS,
  },
  {
    id: 'mnist-digits',
    title: 'MNIST: all ten digits',
    description:
      '600 handwritten digits, 60 of each, drawn by the seed from 200 of each built into the app. ' +
      'Learns on the sheet when the images fit it (the first-run network does); its own network: four 3 × 3 filters, ReLU, a max pool, ten class scores.',
    count: 600,
    seed: 1,
    examples: drawn('mnist', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 60),
    network: (set) => scoresNetwork('MNIST: ten digits', set, 10),
    settings: { ...IMAGE_SETTINGS, length: 10 },
  },
  {
    id: 'fashion-4',
    title: 'Fashion-MNIST: 4 kinds of clothing',
    description:
      '600 small photos of T-shirts, trousers, sneakers and bags (150 of each, drawn by the seed from 200 ' +
      'of each built into the app). Learns on the sheet when the images fit it; its own network: four 3 × 3 filters, ReLU, a max pool, four class scores.',
    count: 600,
    seed: 1,
    examples: drawn('fashion', [0, 1, 7, 8], 150),
    network: (set) => scoresNetwork('Fashion-MNIST: 4 kinds', set, 4),
    settings: IMAGE_SETTINGS,
  },
];

export function learnTask(id: string): LearnTask | undefined {
  return LEARN_TASKS.find((t) => t.id === id);
}
