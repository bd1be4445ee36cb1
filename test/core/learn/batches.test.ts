import { describe, expect, it } from 'vitest';
import { BatchSchedule, shuffle } from '../../../src-core/learn/batches';
import { trainTestSplit } from '../../../src-core/learn/split';
import { createRandom } from '../../../src-core/random';

describe('batch schedule', () => {
  it('file order: DataLoader(shuffle=False, drop_last=False), cycled', () => {
    const s = new BatchSchedule(5, 2);
    const batches = Array.from({ length: 7 }, () => s.nextBatch());
    expect(batches.map((b) => b.examples)).toEqual([[0, 1], [2, 3], [4], [0, 1], [2, 3], [4], [0, 1]]);
    expect(batches.map((b) => b.epoch)).toEqual([0, 0, 0, 1, 1, 1, 2]);
    expect(s.batchesPerEpoch).toBe(3);
  });

  it("'all' and a batch larger than the set are the whole set", () => {
    expect(new BatchSchedule(3, 'all').nextBatch().examples).toEqual([0, 1, 2]);
    expect(new BatchSchedule(3, 10).nextBatch().examples).toEqual([0, 1, 2]);
  });

  it('seeded: a new permutation every epoch, repeated by the same seed', () => {
    const epochs = (seed: number) => {
      const s = new BatchSchedule(6, 3, seed);
      return [0, 1, 2].map(() => [...s.nextBatch().examples, ...s.nextBatch().examples]);
    };
    const a = epochs(5);
    for (const e of a) expect([...e].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(a.map((e) => e.join())).size).toBe(3);
    expect(epochs(5)).toEqual(a);
    expect(epochs(6)).not.toEqual(a);
  });

  it('Fisher-Yates gives each of the 6 orders of 3 items about equally often', () => {
    const random = createRandom(1);
    const counts = new Map<string, number>();
    for (let n = 0; n < 6000; n++) {
      const order = shuffle([0, 1, 2], random).join();
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // expected 1000 each; 4 standard deviations of a binomial(6000, 1/6) is about 115
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(115);
  });
});

describe('train/test split', () => {
  it('holds out round(n * fraction) items, each part in file order, repeatable', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const { train, test } = trainTestSplit(items, 0.3, 4);
    expect(test).toHaveLength(3);
    expect(train).toHaveLength(7);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(items);
    expect(train).toEqual([...train].sort((a, b) => a - b));
    expect(trainTestSplit(items, 0.3, 4)).toEqual({ train, test });
  });

  it('always keeps one item to learn from', () => {
    expect(trainTestSplit([1], 0.9, 1)).toEqual({ train: [1], test: [] });
  });
});
