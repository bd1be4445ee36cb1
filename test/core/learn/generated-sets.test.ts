import { describe, expect, it } from 'vitest';
import {
  hiddenFilterSet,
  SOBEL_X,
  squaresDiamondsSet,
  strokesSet,
} from '../../../src-core/learn/generated-sets';
import type { Tensor } from '../../../src-core/tensor';

// The generated sets hold what they promise, checked pixel by pixel.

/** Rows and columns of the set pixels: bounding box and count. */
function ink(image: Tensor): { top: number; bottom: number; left: number; right: number; count: number } {
  const [, h = 0, w = 0] = image.shape;
  const box = { top: h, bottom: -1, left: w, right: -1, count: 0 };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = image.data[y * w + x];
      if (v !== 0 && v !== 1) throw new Error(`pixel (${y}, ${x}) is ${v}, not 0 or 1`);
      if (v !== 1) continue;
      box.count++;
      box.top = Math.min(box.top, y);
      box.bottom = Math.max(box.bottom, y);
      box.left = Math.min(box.left, x);
      box.right = Math.max(box.right, x);
    }
  }
  return box;
}

describe('target maps from a hidden filter', () => {
  const set = hiddenFilterSet({ count: 16, seed: 3 });

  it('gives 16 noise images of 1 x 8 x 8 with 1 x 6 x 6 targets', () => {
    expect(set.examples).toHaveLength(16);
    for (const e of set.examples) {
      expect(e.input.shape).toEqual([1, 8, 8]);
      expect(e.target?.shape).toEqual([1, 6, 6]);
      expect(e.input.data.every((v) => v >= 0 && v < 1)).toBe(true);
    }
  });

  it('each target value is the Sobel filter slid over its 3 x 3 window (cross-correlation)', () => {
    const e = set.examples[5];
    if (e?.target === null || e === undefined) throw new Error('no target');
    for (const [y, x] of [
      [0, 0],
      [2, 3],
      [5, 5],
    ] as const) {
      let sum = 0;
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++)
          sum += (e.input.data[(y + i) * 8 + x + j] ?? NaN) * (SOBEL_X[i * 3 + j] ?? NaN);
      expect(e.target.data[y * 6 + x]).toBeCloseTo(sum, 14);
    }
  });

  it('repeats from its seed', () => {
    expect(hiddenFilterSet({ count: 16, seed: 3 })).toEqual(set);
    expect(hiddenFilterSet({ count: 16, seed: 4 }).examples[0]?.input).not.toEqual(set.examples[0]?.input);
  });
});

describe('horizontal vs vertical strokes', () => {
  it('draws one straight stroke of 3 to 10 pixels, along a row for label 0 and a column for label 1', () => {
    const set = strokesSet({ count: 60, seed: 2 });
    expect(set.classes).toEqual(['horizontal', 'vertical']);
    set.examples.forEach((e, n) => {
      expect(e.label).toBe(n % 2);
      const b = ink(e.input);
      const [along, across] =
        e.label === 0
          ? [b.right - b.left + 1, b.bottom - b.top + 1]
          : [b.bottom - b.top + 1, b.right - b.left + 1];
      expect(across).toBe(1);
      expect(along).toBe(b.count);
      expect(b.count).toBeGreaterThanOrEqual(3);
      expect(b.count).toBeLessThanOrEqual(10);
    });
  });
});

describe('squares vs diamonds', () => {
  const set = squaresDiamondsSet({ count: 200, seed: 7 });

  it('20 x 20 binary images, balanced, labelled square 0 and diamond 1', () => {
    expect(set.classes).toEqual(['square', 'diamond']);
    expect(set.examples.filter((e) => e.label === 1)).toHaveLength(100);
    for (const e of set.examples) expect(e.input.shape).toEqual([1, 20, 20]);
  });

  it('every shape is whole and inside the frame, of random size and position', () => {
    const sizes = new Set<number>();
    const corners = new Set<string>();
    for (const e of set.examples) {
      const b = ink(e.input);
      const height = b.bottom - b.top + 1;
      expect(b.right - b.left + 1).toBe(height);
      sizes.add(height);
      corners.add(`${b.top},${b.left}`);
      if (e.label === 0) {
        // a filled side x side square
        expect(height).toBeGreaterThanOrEqual(4);
        expect(height).toBeLessThanOrEqual(12);
        expect(b.count).toBe(height * height);
      } else {
        // a filled diamond of radius r has 2r^2 + 2r + 1 pixels, all with |dy| + |dx| <= r
        const r = (height - 1) / 2;
        expect(r).toBeGreaterThanOrEqual(3);
        expect(r).toBeLessThanOrEqual(8);
        expect(b.count).toBe(2 * r * r + 2 * r + 1);
        const [cy, cx] = [b.top + r, b.left + r];
        expect(e.input.data[cy * 20 + cx]).toBe(1);
        expect(e.input.data[b.top * 20 + b.left]).toBe(0);
      }
    }
    expect(sizes.size).toBeGreaterThan(10);
    expect(corners.size).toBeGreaterThan(100);
  });
});
