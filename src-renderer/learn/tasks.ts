/**
 * The generated example sets the panel offers, each with a network its examples fit and settings
 * that learn it in seconds. Choosing one whose examples do not fit the open workbook opens its own
 * network (one undoable change), whose input is the set's first image and whose weights start at a
 * seeded random draw, so there is something to watch move from the first click on Learn.
 */
import type { ExampleSet } from '../../src-core/learn/example-set';
import { hiddenFilterSet, squaresDiamondsSet, strokesSet } from '../../src-core/learn/generated-sets';
import { initializeWeights, type InitScheme } from '../../src-core/learn/init';
import { conv2dLayer, plainLayer } from '../../src-core/sheet/edit-layers';
import type { Workbook } from '../../src-core/sheet/types';
import type { LearnSettings } from './settings';

export type TaskId = 'sobel' | 'strokes' | 'squares-diamonds';

export interface LearnTask {
  readonly id: TaskId;
  readonly title: string;
  /** What the set is and what to watch, in a sentence or two. */
  readonly description: string;
  readonly count: number;
  /** The seed the set is drawn with unless the learner picks another. */
  readonly seed: number;
  readonly examples: (seed: number) => ExampleSet;
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
];

export function learnTask(id: string): LearnTask | undefined {
  return LEARN_TASKS.find((t) => t.id === id);
}
