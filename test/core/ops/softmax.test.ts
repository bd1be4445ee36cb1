import { describe, expect, it } from 'vitest';
import { softmaxBackward, softmaxForward } from '../../../src-core/ops/softmax';
import { tensor } from '../../../src-core/tensor';
import { expectGradientsMatch } from '../support/gradcheck';
import { randomTensor, values } from '../support/ops';

describe('softmax', () => {
  it('turns logits 0, ln 2, ln 3 into 1/6, 2/6, 3/6, keeping the shape', () => {
    const p = softmaxForward(tensor([3, 1, 1], [0, Math.log(2), Math.log(3)]));
    expect(p.shape).toEqual([3, 1, 1]);
    const [a = 0, b = 0, c = 0] = values(p);
    expect(a).toBeCloseTo(1 / 6, 15);
    expect(b).toBeCloseTo(2 / 6, 15);
    expect(c).toBeCloseTo(3 / 6, 15);
  });

  it('runs over every value of a C x H x W input at once', () => {
    const p = softmaxForward(tensor([2, 1, 2], [1, 1, 1, 1]));
    expect(p.shape).toEqual([2, 1, 2]);
    expect(values(p)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('does not overflow on large logits (it subtracts the maximum first)', () => {
    expect(values(softmaxForward(tensor([2], [1000, 1000])))).toEqual([0.5, 0.5]);
    expect(values(softmaxForward(tensor([2], [1000, -1000])))).toEqual([1, 0]);
  });

  it('has gradient p * (g - sum(g * p)): with p = 1/4 each and g = e_0, dx = (3/16, -1/16, -1/16, -1/16)', () => {
    const p = tensor([4], [0.25, 0.25, 0.25, 0.25]);
    expect(values(softmaxBackward(p, tensor([4], [1, 0, 0, 0])))).toEqual([
      3 / 16,
      -1 / 16,
      -1 / 16,
      -1 / 16,
    ]);
  });

  it('matches central differences on a 2 x 2 x 3 input', () => {
    const input = randomTensor([2, 2, 3], 71);
    expectGradientsMatch({
      params: { input: input.data },
      forward: () => softmaxForward(input),
      backward: (g) => ({ input: softmaxBackward(softmaxForward(input), g) }),
    });
  });
});
