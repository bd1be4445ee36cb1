/**
 * The workbooks the interaction benchmarks open in Chromium, built with the engine's own layer builders
 * (bundled into the benchmark page, bench/web/main.ts, so that megabytes of numbers never cross the
 * DevTools protocol). Photos are synthetic and seeded: the same pixels on every run and machine.
 */
import { filterPreset } from '../src-core/presets/filters';
import { fastaiConv2Filters } from '../src-core/presets/fastai-conv-example';
import { createRandom } from '../src-core/random';
import {
  conv2dLayer,
  denseLayer,
  maxPool2dLayer,
  plainLayer,
  seededWeights,
} from '../src-core/sheet/edit-layers';
import type { Workbook } from '../src-core/sheet/types';

function preset(id: string): readonly number[] {
  const p = filterPreset(id);
  if (p === undefined) throw new RangeError(`no filter preset "${id}"`);
  return p.values;
}

/**
 * A C x size x size photo-like picture, values k / 255 as an imported image has: a sky-to-ground
 * gradient, a few discs and boxes of different colours per channel, and sensor-like noise, so that
 * maps downstream have edges, flat areas and texture, as a real photo's do.
 */
export function syntheticPhoto(channels: number, size: number, seed: number): Workbook['input'] {
  const random = createRandom(seed);
  const shapes = Array.from({ length: 12 }, () => ({
    x: random.next() * size,
    y: random.next() * size,
    r: (0.04 + random.next() * 0.15) * size,
    box: random.next() < 0.5,
    tint: Array.from({ length: channels }, () => random.next()),
  }));
  const data = new Float64Array(channels * size * size);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        let v = 0.25 + (0.5 * y) / size + 0.1 * Math.sin((x * (c + 1) * 6) / size);
        for (const s of shapes) {
          const dx = Math.abs(x - s.x);
          const dy = Math.abs(y - s.y);
          if (s.box ? dx < s.r && dy < s.r * 0.6 : dx * dx + dy * dy < s.r * s.r) v = s.tint[c] ?? v;
        }
        v += (random.next() - 0.5) * 0.06;
        data[(c * size + y) * size + x] = Math.round(Math.min(1, Math.max(0, v)) * 255) / 255;
      }
    }
  }
  return { shape: [channels, size, size], data };
}

/**
 * Issue 8's edit-to-repaint photo: a 3 x 512 x 512 photo through two conv layers of 4 filters (3 x 3,
 * edge detectors on every channel, then seeded 4 x 4 x 3 x 3 filters), ReLU after each, and a 2 x 2 max
 * pool: 23 heatmaps of 254 x 254 to 512 x 512 cells.
 */
export function photoEditWorkbook(size = 512): Workbook {
  const edges = ['sobel-top', 'sobel-bottom', 'sobel-left', 'sobel-right'].map(preset);
  // Each filter reads every channel with the same edge detector, a third of it per channel.
  const conv1 = edges.flatMap((e) => [0, 1, 2].flatMap(() => e.map((v) => v / 3)));
  return {
    name: `Photo ${size} x ${size}, two conv layers of 4 filters and a pool`,
    input: syntheticPhoto(3, size, 8),
    layers: [
      conv2dLayer('conv1', [4, 3, 3, 3], conv1),
      plainLayer('relu', 'relu1'),
      conv2dLayer('conv2', [4, 4, 3, 3], seededWeights(4 * 4 * 9, 2, 0.3)),
      plainLayer('relu', 'relu2'),
      maxPool2dLayer('maxpool1', 2),
    ],
  };
}

/**
 * The pan-and-zoom map: a 1 x 1024 x 1024 photo and its Gaussian blur ("same" padding), two
 * 1024 x 1024 heatmaps side by side.
 */
export function panZoomWorkbook(size = 1024): Workbook {
  return {
    name: `Map ${size} x ${size}`,
    input: syntheticPhoto(1, size, 1024),
    layers: [conv2dLayer('blur', [1, 1, 3, 3], preset('gaussian'), { padding: 'same' })],
  };
}

/**
 * The first-run pipeline (firstRunWorkbook: top- and left-edge filters, ReLU, conv2 with the fast.ai
 * sheet's filters, ReLU, 2 x 2 max pool, dense to ten scores) on a 3 x size x size photo: conv1 reads
 * each colour channel with the same edge filter, and the dense layer grows to 10 x 2 x (size-4)/2
 * squared weights (5.2 million at 1024, each output's weights shown as two heatmaps).
 */
export function firstRunPhotoWorkbook(size = 1024): Workbook {
  const conv1 = ['fastai-top-edge', 'fastai-left-edge'].flatMap((id) =>
    [0, 1, 2].flatMap(() => preset(id).map((v) => v / 3)),
  );
  const pooled = Math.floor((size - 4) / 2);
  const denseIn = 2 * pooled * pooled;
  return {
    name: `First-run pipeline on a ${size} x ${size} photo`,
    input: syntheticPhoto(3, size, 1),
    layers: [
      conv2dLayer('conv1', [2, 3, 3, 3], conv1),
      plainLayer('relu', 'relu1'),
      conv2dLayer('conv2', [2, 2, 3, 3], fastaiConv2Filters, { bias: [0.1, -0.1] }),
      plainLayer('relu', 'relu2'),
      maxPool2dLayer('maxpool1', 2),
      denseLayer('fc1', [10, denseIn], seededWeights(10 * denseIn, 1, 0.08 / Math.sqrt(denseIn / 288), 4)),
    ],
  };
}
