import { describe, expect, it } from 'vitest';
import { denseBackward, denseForward } from '../../../src-core/ops/dense';
import { flattenBackward, flattenForward, unflattenIndex } from '../../../src-core/ops/flatten';
import { tensor } from '../../../src-core/tensor';
import { expectGradientsMatch } from '../support/gradcheck';
import { grid, randomTensor, values } from '../support/ops';

describe('flatten', () => {
  const stack = grid([
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    [
      [7, 8, 9],
      [10, 11, 12],
    ],
  ]);

  it('lays C x H x W out row-major as (C*H*W) x 1 x 1, and back', () => {
    const flat = flattenForward(stack);
    expect(flat.shape).toEqual([12, 1, 1]);
    expect(values(flat)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const back = flattenBackward(stack.shape, flat);
    expect(back.shape).toEqual([2, 2, 3]);
    expect(values(back)).toEqual(values(stack));
  });

  it('says which (c, y, x) a flat position came from', () => {
    expect(unflattenIndex([2, 2, 3], 0)).toEqual([0, 0, 0]);
    expect(unflattenIndex([2, 2, 3], 5)).toEqual([0, 1, 2]);
    expect(unflattenIndex([2, 2, 3], 7)).toEqual([1, 0, 1]);
  });

  it('has an identity gradient', () => {
    const input = randomTensor([2, 3, 2], 61);
    expectGradientsMatch({
      params: { input: input.data },
      forward: () => flattenForward(input),
      backward: (g) => ({ input: flattenBackward(input.shape, g) }),
    });
  });
});

describe('dense', () => {
  const weight = tensor([2, 3], [1, 2, 3, 4, 5, 6]);
  const bias = new Float64Array([0.5, -0.5]);

  it('computes W x + b on the input, flattening it first', () => {
    // [1 + 0 - 3 + 0.5, 4 + 0 - 6 - 0.5]
    for (const shape of [[3, 1, 1], [1, 1, 3], [3]]) {
      const out = denseForward(tensor(shape, [1, 0, -1]), weight, bias);
      expect(out.shape).toEqual([2, 1, 1]);
      expect(values(out)).toEqual([-1.5, -2.5]);
    }
    expect(values(denseForward(tensor([3], [1, 0, -1]), weight, null))).toEqual([-2, -2]);
  });

  it('gives gradients by hand: dx = W^T g, dW = g x^T, db = g', () => {
    const input = tensor([1, 1, 3], [1, 0, -1]);
    const grads = denseBackward(input, weight, tensor([2, 1, 1], [1, 2]));
    expect(grads.gradInput.shape).toEqual([1, 1, 3]);
    expect(values(grads.gradInput)).toEqual([1 + 8, 2 + 10, 3 + 12]);
    expect(values(grads.gradWeight)).toEqual([1, 0, -1, 2, 0, -2]);
    expect(values(grads.gradBias)).toEqual([1, 2]);
  });

  it('refuses an input that does not hold IN values', () => {
    expect(() => denseForward(tensor([2, 2, 1]), weight, bias)).toThrow('dense weight takes 3 inputs');
  });

  it('matches central differences on a 2 x 2 x 3 input', () => {
    const input = randomTensor([2, 2, 3], 62);
    const w = randomTensor([4, 12], 63);
    const b = randomTensor([4], 64).data;
    expectGradientsMatch({
      params: { input: input.data, weight: w.data, bias: b },
      forward: () => denseForward(input, w, b),
      backward: (g) => {
        const grads = denseBackward(input, w, g);
        return { input: grads.gradInput, weight: grads.gradWeight, bias: grads.gradBias };
      },
    });
  });
});
