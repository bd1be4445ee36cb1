import { describe, expect, it } from 'vitest';
import {
  dropoutBackward,
  dropoutForward,
  dropoutMask,
  dropoutTrainBackward,
  dropoutTrainForward,
} from '../../../src-core/ops/dropout';
import { createRandom } from '../../../src-core/random';
import { tensor } from '../../../src-core/tensor';
import { expectGradientsMatch } from '../support/gradcheck';
import { randomTensor, values } from '../support/ops';

const x = tensor([1, 2, 2], [1, 2, 3, 4]);

describe('dropout', () => {
  it('is the identity when evaluating', () => {
    expect(values(dropoutForward(x))).toEqual([1, 2, 3, 4]);
    expect(values(dropoutBackward(x))).toEqual([1, 2, 3, 4]);
  });

  it('zeroes dropped values and scales kept ones by 1 / (1 - p) while learning', () => {
    const mask = new Uint8Array([1, 0, 1, 0]);
    expect(values(dropoutTrainForward(x, mask, 0.5))).toEqual([2, 0, 6, 0]);
    expect(values(dropoutTrainForward(x, new Float64Array([1, 1, 0, 1]), 0.2))).toEqual([1.25, 2.5, 0, 5]);
    expect(values(dropoutTrainBackward(tensor([4], [1, 1, 1, 1]), mask, 0.5))).toEqual([2, 0, 2, 0]);
    expect(values(dropoutTrainForward(x, new Uint8Array(4), 1))).toEqual([0, 0, 0, 0]);
  });

  it('makes the same mask from the same seed, keeping about 1 - p of the values', () => {
    const a = dropoutMask(10000, 0.3, createRandom(5));
    const b = dropoutMask(10000, 0.3, createRandom(5));
    expect(Array.from(a)).toEqual(Array.from(b));
    const kept = a.reduce((n, k) => n + k, 0);
    // binomial(10000, 0.7): standard deviation sqrt(10000 * 0.7 * 0.3) = 45.8; allow 4 of them
    expect(Math.abs(kept - 7000)).toBeLessThan(4 * 45.8);
    expect(Array.from(dropoutMask(5, 0, createRandom(1)))).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(dropoutMask(5, 1, createRandom(1)))).toEqual([0, 0, 0, 0, 0]);
  });

  it('refuses p outside [0, 1] and a mask of the wrong length', () => {
    expect(() => dropoutTrainForward(x, new Uint8Array(4), 1.5)).toThrow(RangeError);
    expect(() => dropoutTrainForward(x, new Uint8Array(3), 0.5)).toThrow('dropout mask must hold 4 values');
  });

  it('matches central differences with a fixed mask', () => {
    const input = randomTensor([2, 3, 3], 81);
    const mask = dropoutMask(18, 0.4, createRandom(82));
    expectGradientsMatch({
      params: { input: input.data },
      forward: () => dropoutTrainForward(input, mask, 0.4),
      backward: (g) => ({ input: dropoutTrainBackward(g, mask, 0.4) }),
    });
  });
});
