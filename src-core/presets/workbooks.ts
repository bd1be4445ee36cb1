/**
 * The sample workbooks: the one ConvSheet opens with and a gallery to start from. Each is built fresh on
 * every call, so editing one never changes the sample.
 */
import {
  avgPool2dLayer,
  conv2dLayer,
  denseLayer,
  maxPool2dLayer,
  plainLayer,
  seededWeights,
} from '../sheet/edit-layers';
import type { Workbook } from '../sheet/types';
import { fastaiConv1Filters, fastaiConv2Filters } from './fastai-conv-example';
import { fastaiDigit } from './fastai-digit';
import { filterPreset } from './filters';

export interface SampleWorkbook {
  readonly id: string;
  readonly title: string;
  /** What it shows, in a sentence or two. */
  readonly description: string;
  readonly build: () => Workbook;
}

function digit(): Workbook['input'] {
  return { shape: [1, 28, 28], data: Float64Array.from(fastaiDigit) };
}

function preset(id: string): readonly number[] {
  const p = filterPreset(id);
  if (p === undefined) throw new RangeError(`no filter preset "${id}"`);
  return p.values;
}

/**
 * The fast.ai layout, everything editable: the digit, the top-edge and left-edge filters, ReLU, a second
 * conv whose two 3-D filters each read both maps, ReLU, a 2 x 2 max pool and a dense layer giving ten
 * class scores. conv2 keeps the fast.ai sheet's filters; its biases and the dense weights are small
 * seeded numbers, so every score has something to show.
 */
export function firstRunWorkbook(): Workbook {
  const conv1 = [...preset('fastai-top-edge'), ...preset('fastai-left-edge')];
  const denseShape = [10, 2 * 12 * 12] as const;
  return {
    name: 'Digit edges (fast.ai layout)',
    input: digit(),
    layers: [
      conv2dLayer('conv1', [2, 1, 3, 3], conv1),
      plainLayer('relu', 'relu1'),
      conv2dLayer('conv2', [2, 2, 3, 3], fastaiConv2Filters, { bias: [0.1, -0.1] }),
      plainLayer('relu', 'relu2'),
      maxPool2dLayer('maxpool1', 2),
      denseLayer('fc1', denseShape, seededWeights(10 * 288, 1, 0.08, 2)),
    ],
  };
}

/** The fast.ai `conv-example.xlsx` sheet exactly: no biases, its filters to the last digit. */
export function fastaiExampleWorkbook(): Workbook {
  return {
    name: 'fast.ai conv-example.xlsx',
    input: digit(),
    layers: [
      conv2dLayer('conv1', [2, 1, 3, 3], fastaiConv1Filters, { bias: null }),
      plainLayer('relu', 'relu1'),
      conv2dLayer('conv2', [2, 2, 3, 3], fastaiConv2Filters, { bias: null }),
      plainLayer('relu', 'relu2'),
      maxPool2dLayer('maxpool1', 2),
    ],
  };
}

/** Four Sobel filters with "same" padding: every edge direction of the digit, maps the input's size. */
export function edgeDetectorsWorkbook(): Workbook {
  const filters = ['sobel-top', 'sobel-bottom', 'sobel-left', 'sobel-right'].flatMap(preset);
  return {
    name: 'Edge detectors',
    input: digit(),
    layers: [conv2dLayer('sobel', [4, 1, 3, 3], filters, { padding: 'same' }), plainLayer('relu', 'relu1')],
  };
}

/**
 * A 6 x 6 picture of a plus sign, one filter, ReLU and a pool: small enough to check every number by
 * hand, as CNN Explainer does.
 */
export function byHandWorkbook(): Workbook {
  const plus = [
    [0, 0, 1, 1, 0, 0],
    [0, 0, 1, 1, 0, 0],
    [1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1],
    [0, 0, 1, 1, 0, 0],
    [0, 0, 1, 1, 0, 0],
  ].flat();
  return {
    name: 'By hand: a 6 x 6 plus sign',
    input: { shape: [1, 6, 6], data: Float64Array.from(plus) },
    layers: [
      conv2dLayer('conv1', [1, 1, 3, 3], preset('outline'), { bias: [-1] }),
      plainLayer('relu', 'relu1'),
      maxPool2dLayer('maxpool1', 2),
    ],
  };
}

/**
 * A 64 x 64 picture (a disc, a square and a soft gradient), blurred and sharpened with reflect padding
 * and then average-pooled: large grids draw as heatmaps and show their numbers when zoomed in.
 */
export function pictureWorkbook(): Workbook {
  const n = 64;
  const data = new Float64Array(n * n);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const disc = (x - 20) ** 2 + (y - 22) ** 2 <= 12 ** 2 ? 0.8 : 0;
      const square = x >= 36 && x < 56 && y >= 30 && y < 50 ? 0.6 : 0;
      data[y * n + x] = Math.round((0.15 * (x / (n - 1)) + Math.max(disc, square)) * 1000) / 1000;
    }
  }
  const filters = [...preset('gaussian'), ...preset('sharpen')];
  return {
    name: 'A 64 x 64 picture',
    input: { shape: [1, n, n], data },
    layers: [
      conv2dLayer('conv1', [2, 1, 3, 3], filters, { padding: 1, paddingMode: 'reflect' }),
      avgPool2dLayer('avgpool1', 2),
    ],
  };
}

/** Every sample, the first-run workbook first. */
export const SAMPLE_WORKBOOKS: readonly SampleWorkbook[] = [
  {
    id: 'first-run',
    title: 'Digit edges (fast.ai layout)',
    description:
      'A digit, top-edge and left-edge filters, a second conv layer reading both maps, max pool and ten class scores.',
    build: firstRunWorkbook,
  },
  {
    id: 'fastai-conv-example',
    title: 'fast.ai conv-example.xlsx',
    description: "The fast.ai spreadsheet's digit, filters and maps, number for number.",
    build: fastaiExampleWorkbook,
  },
  {
    id: 'edge-detectors',
    title: 'Edge detectors',
    description: 'Four Sobel filters with "same" padding: the edges of the digit in every direction.',
    build: edgeDetectorsWorkbook,
  },
  {
    id: 'by-hand',
    title: 'By hand: a 6 x 6 plus sign',
    description:
      'One outline filter with a bias, ReLU and a 2 x 2 max pool: every number checkable on paper.',
    build: byHandWorkbook,
  },
  {
    id: 'picture',
    title: 'A 64 x 64 picture',
    description: 'Blur and sharpen with reflect padding, then average pooling; grids this size are heatmaps.',
    build: pictureWorkbook,
  },
];

/** The sample with this id, or undefined. */
export function sampleWorkbook(id: string): SampleWorkbook | undefined {
  return SAMPLE_WORKBOOKS.find((s) => s.id === id);
}
