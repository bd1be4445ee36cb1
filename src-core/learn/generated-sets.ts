/**
 * Example sets made on the spot, seeded so that the same seed gives the same set everywhere:
 *   - target maps from a hidden filter: random images and what a chosen filter (Sobel by default) makes
 *     of them, for mse. Can gradient descent find the filter again from a random start?
 *   - horizontal vs vertical strokes: one straight line per image, label 0 horizontal, 1 vertical;
 *   - squares vs diamonds: 20 x 20 binary images of one filled square or one filled diamond (a square
 *     turned 45 degrees), random position and size, always wholly inside the frame; label 0 square,
 *     1 diamond.
 * Classes alternate (example i has label i mod 2), so every set is balanced.
 */
import { conv2dForward } from '../ops/conv2d';
import type { WindowGeometry } from '../ops/geometry';
import { createRandom, type Random } from '../random';
import type { Tensor } from '../tensor';
import type { Example, ExampleSet } from './example-set';

/** Sobel's horizontal-gradient filter (responds to vertical edges), 3 x 3 row-major. */
export const SOBEL_X: readonly number[] = [-1, 0, 1, -2, 0, 2, -1, 0, 1];

/** Sobel's vertical-gradient filter (responds to horizontal edges). */
export const SOBEL_Y: readonly number[] = [-1, -2, -1, 0, 0, 0, 1, 2, 1];

export interface HiddenFilterOptions {
  readonly count: number;
  readonly seed: number;
  /** The hidden filter, KH x KW row-major (default SOBEL_X, 3 x 3). */
  readonly filter?: readonly number[];
  /** [KH, KW] of the filter (default [3, 3]). */
  readonly kernel?: readonly [number, number];
  /** Image height and width (default [8, 8]). */
  readonly size?: readonly [number, number];
}

/**
 * Images of uniform random values in [0, 1), 1 x H x W, each with the target
 * conv2d(image, filter) (no padding, stride 1, no bias): 1 x (H - KH + 1) x (W - KW + 1).
 * Noise gives every weight its own say in the target, so the filter is fully determined by a few images.
 */
export function hiddenFilterSet(options: HiddenFilterOptions): ExampleSet {
  const [kh, kw] = options.kernel ?? [3, 3];
  const [h, w] = options.size ?? [8, 8];
  const filter: Tensor = { shape: [1, 1, kh, kw], data: Float64Array.from(options.filter ?? SOBEL_X) };
  if (filter.data.length !== kh * kw) throw new RangeError(`the filter needs ${kh * kw} values`);
  const geometry: WindowGeometry = {
    kernelH: kh,
    kernelW: kw,
    strideH: 1,
    strideW: 1,
    padTop: 0,
    padBottom: 0,
    padLeft: 0,
    padRight: 0,
    dilationH: 1,
    dilationW: 1,
  };
  const random = createRandom(options.seed);
  const examples: Example[] = [];
  for (let n = 0; n < options.count; n++) {
    const input: Tensor = { shape: [1, h, w], data: new Float64Array(h * w).map(() => random.next()) };
    const target = conv2dForward(input, filter, null, geometry, 'zeros', false);
    examples.push({ input, label: null, target });
  }
  return { classes: null, examples };
}

export interface ShapeSetOptions {
  readonly count: number;
  readonly seed: number;
}

/** A blank 1 x size x size image and a way to set its pixels. */
function canvas(size: number): { image: Tensor; set: (y: number, x: number) => void } {
  const image: Tensor = { shape: [1, size, size], data: new Float64Array(size * size) };
  return { image, set: (y, x) => (image.data[y * size + x] = 1) };
}

/** An integer in [lo, hi]. */
function between(random: Random, lo: number, hi: number): number {
  return lo + random.int(hi - lo + 1);
}

/**
 * 10 x 10 images with one stroke 1 pixel wide and 3 to 10 pixels long, anywhere inside the frame:
 * horizontal (label 0) or vertical (label 1).
 */
export function strokesSet(options: ShapeSetOptions & { readonly size?: number }): ExampleSet {
  const size = options.size ?? 10;
  const random = createRandom(options.seed);
  const examples: Example[] = [];
  for (let n = 0; n < options.count; n++) {
    const label = n % 2;
    const { image, set } = canvas(size);
    const length = between(random, 3, size);
    const along = between(random, 0, size - length);
    const across = between(random, 0, size - 1);
    for (let t = 0; t < length; t++) {
      if (label === 0) set(across, along + t);
      else set(along + t, across);
    }
    examples.push({ input: image, label, target: null });
  }
  return { classes: ['horizontal', 'vertical'], examples };
}

/** Image size of the squares vs diamonds set. */
export const SHAPES_SIZE = 20;

/**
 * 20 x 20 binary images: a filled square with sides of 4 to 12 pixels (label 0), or a filled diamond,
 * the pixels with |y - cy| + |x - cx| <= r for r from 3 to 8 (7 to 17 pixels corner to corner,
 * label 1). Position is random, the whole shape always inside the frame.
 */
export function squaresDiamondsSet(options: ShapeSetOptions): ExampleSet {
  const size = SHAPES_SIZE;
  const random = createRandom(options.seed);
  const examples: Example[] = [];
  for (let n = 0; n < options.count; n++) {
    const label = n % 2;
    const { image, set } = canvas(size);
    if (label === 0) {
      const side = between(random, 4, 12);
      const top = between(random, 0, size - side);
      const left = between(random, 0, size - side);
      for (let y = top; y < top + side; y++) for (let x = left; x < left + side; x++) set(y, x);
    } else {
      const r = between(random, 3, 8);
      const cy = between(random, r, size - 1 - r);
      const cx = between(random, r, size - 1 - r);
      for (let y = cy - r; y <= cy + r; y++) {
        const half = r - Math.abs(y - cy);
        for (let x = cx - half; x <= cx + half; x++) set(y, x);
      }
    }
    examples.push({ input: image, label, target: null });
  }
  return { classes: ['square', 'diamond'], examples };
}
