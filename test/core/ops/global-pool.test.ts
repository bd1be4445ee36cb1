import { describe, expect, it } from 'vitest';
import {
  globalAvgPoolBackward,
  globalAvgPoolForward,
  globalMaxPoolBackward,
  globalMaxPoolForward,
} from '../../../src-core/ops/global-pool';
import { tensor } from '../../../src-core/tensor';
import { expectGradientsMatch } from '../support/gradcheck';
import { distinctTensor, grid, randomTensor, values } from '../support/ops';

describe('global pooling by hand', () => {
  const two = grid([
    [
      [1, 2],
      [3, 4],
    ],
    [
      [5, 1],
      [5, 5],
    ],
  ]);

  it('averages each channel to C x 1 x 1', () => {
    const out = globalAvgPoolForward(two);
    expect(out.shape).toEqual([2, 1, 1]);
    expect(values(out)).toEqual([10 / 4, 16 / 4]);
    expect(values(globalAvgPoolBackward(two, tensor([2, 1, 1], [4, 8])))).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('takes each channel maximum and shares the gradient evenly among ties, as amax', () => {
    expect(values(globalMaxPoolForward(two))).toEqual([4, 5]);
    // channel 1 has three cells equal to its maximum 5: each gets 6 / 3
    expect(values(globalMaxPoolBackward(two, tensor([2, 1, 1], [1, 6])))).toEqual([0, 0, 0, 1, 2, 0, 2, 2]);
  });
});

describe('global pooling gradients match central differences', () => {
  it('globalAvgPool', () => {
    const input = randomTensor([3, 4, 5], 51);
    expectGradientsMatch({
      params: { input: input.data },
      forward: () => globalAvgPoolForward(input),
      backward: (g) => ({ input: globalAvgPoolBackward(input, g) }),
    });
  });

  it('globalMaxPool, distinct values', () => {
    const input = distinctTensor([3, 4, 5], 52);
    expectGradientsMatch({
      params: { input: input.data },
      forward: () => globalMaxPoolForward(input),
      backward: (g) => ({ input: globalMaxPoolBackward(input, g) }),
    });
  });

  it('globalMaxPool with a two-way tie: the central difference also sees half each', () => {
    // Nudging one of two tied maxima up raises the max by h, down leaves it (the other holds it):
    // (h - 0) / 2h = 1/2, the even share amax gives.
    const input = tensor([2, 2, 2], [0.5, 0.9, 0.9, -0.2, 0.3, -0.7, 0.1, 0.8]);
    expectGradientsMatch({
      params: { input: input.data },
      forward: () => globalMaxPoolForward(input),
      backward: (g) => ({ input: globalMaxPoolBackward(input, g) }),
    });
  });
});
