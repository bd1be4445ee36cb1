import { describe, expect, it } from 'vitest';
import {
  activationBackward,
  activationForward,
  leakyReluBackward,
  leakyReluForward,
  reluBackward,
  reluForward,
  sigmoidBackward,
  sigmoidForward,
  tanhBackward,
  tanhForward,
  type ActivationKind,
} from '../../../src-core/ops/activation';
import { tensor } from '../../../src-core/tensor';
import { expectGradientsMatch } from '../support/gradcheck';
import { randomTensor, values } from '../support/ops';

const around0 = tensor([1, 1, 3], [-2, 0, 3]);
const ones = tensor([1, 1, 3], [1, 1, 1]);

describe('activations by hand', () => {
  it('relu clips negatives, and its derivative at exactly 0 is 0', () => {
    expect(values(reluForward(around0))).toEqual([0, 0, 3]);
    expect(values(reluBackward(around0, ones))).toEqual([0, 0, 1]);
  });

  it('leaky_relu scales negatives by the slope, which is also its derivative at 0', () => {
    expect(values(leakyReluForward(around0, 0.1))).toEqual([-2 * 0.1, 0, 3]);
    expect(values(leakyReluBackward(around0, ones, 0.1))).toEqual([0.1, 0.1, 1]);
    expect(values(leakyReluForward(around0))).toEqual([-2 * 0.01, 0, 3]);
    expect(values(leakyReluBackward(around0, ones))).toEqual([0.01, 0.01, 1]);
  });

  it('sigmoid(0) = 1/2, sigmoid(ln 3) = 3/4, with derivative s(1 - s)', () => {
    const s = sigmoidForward(tensor([2], [0, Math.log(3)]));
    expect(values(s)[0]).toBe(0.5);
    expect(values(s)[1]).toBeCloseTo(0.75, 15);
    const d = sigmoidBackward(s, tensor([2], [1, 2]));
    expect(values(d)[0]).toBe(0.25);
    expect(values(d)[1]).toBeCloseTo(2 * 0.75 * 0.25, 15);
  });

  it('tanh(ln 2) = (2 - 1/2) / (2 + 1/2) = 0.6, with derivative 1 - 0.36', () => {
    const t = tanhForward(tensor([2], [0, Math.log(2)]));
    expect(values(t)[0]).toBe(0);
    expect(values(t)[1]).toBeCloseTo(0.6, 15);
    expect(values(tanhBackward(t, tensor([2], [1, 1])))[1]).toBeCloseTo(0.64, 15);
  });

  it('keeps the shape and reuses the output tensor', () => {
    const out = tensor([1, 1, 3]);
    expect(reluForward(around0, out)).toBe(out);
    expect(out.shape).toEqual([1, 1, 3]);
  });
});

describe('activation gradients match central differences', () => {
  // |x| >= 0.05, so no nudge crosses the kink of relu at 0
  const input = randomTensor([2, 3, 4], 31, 0.05);
  for (const kind of ['relu', 'leaky_relu', 'sigmoid', 'tanh'] as const satisfies readonly ActivationKind[]) {
    it(kind, () => {
      expectGradientsMatch({
        params: { input: input.data },
        forward: () => activationForward(kind, input, 0.2),
        backward: (gradOutput) => ({
          input: activationBackward(kind, input, activationForward(kind, input, 0.2), gradOutput, 0.2),
        }),
      });
    });
  }
  it('sigmoid and tanh far from 0, where they saturate', () => {
    const wide = tensor([4], [-8, -3, 4, 9]);
    for (const kind of ['sigmoid', 'tanh'] as const) {
      expectGradientsMatch({
        params: { input: wide.data },
        forward: () => activationForward(kind, wide),
        backward: (g) => ({ input: activationBackward(kind, wide, activationForward(kind, wide), g) }),
      });
    }
  });
});
