import { describe, expect, it } from 'vitest';
import type { ExampleSet } from '../../../src-core/learn/example-set';
import { drawPerClass } from '../../../src-core/learn/subset';

/** A pool of 5 examples of each label 0..3, example i holding the single value i. */
const pool: ExampleSet = {
  classes: ['a', 'b', 'c', 'd'],
  examples: Array.from({ length: 20 }, (_, i) => ({
    input: { shape: [1, 1, 1], data: Float64Array.of(i) },
    label: i % 4,
    target: null,
  })),
};

describe('drawPerClass', () => {
  it('draws perClass of each chosen class, relabelled in the order given, classes interleaved', () => {
    const set = drawPerClass(pool, { classes: [3, 1], perClass: 3, seed: 5 });
    expect(set.classes).toEqual(['d', 'b']);
    expect(set.examples.map((e) => e.label)).toEqual([0, 1, 0, 1, 0, 1]);
    // Every drawn example really is of its class: value i has original label i % 4.
    for (const e of set.examples) expect((e.input.data[0] ?? 0) % 4).toBe(e.label === 0 ? 3 : 1);
    const distinct = new Set(set.examples.map((e) => e.input.data[0]));
    expect(distinct.size).toBe(6);
  });

  it('repeats with the same seed and differs with another', () => {
    const take = (seed: number): number[] =>
      drawPerClass(pool, { perClass: 2, seed }).examples.map((e) => e.input.data[0] ?? -1);
    expect(take(1)).toEqual(take(1));
    expect(take(1)).not.toEqual(take(2));
    expect(drawPerClass(pool, { perClass: 2, seed: 1 }).classes).toEqual(['a', 'b', 'c', 'd']);
  });

  it('takes what there is when a class has fewer than perClass', () => {
    const set = drawPerClass(pool, { classes: [0], perClass: 50, seed: 1 });
    expect(set.examples.map((e) => e.input.data[0]).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
      0, 4, 8, 12, 16,
    ]);
  });
});
