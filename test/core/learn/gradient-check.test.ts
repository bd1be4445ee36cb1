import { describe, expect, it } from 'vitest';
import { checkGradients, relativeError } from '../../../src-core/learn/gradient-check';
import { example, ok, workbookFrom } from './helpers';

// The gradient check compares backpropagation with central differences for every trainable value.

const wave = (n: number, phase: number): number[] =>
  Array.from({ length: n }, (_, k) => Math.sin(1.3 * k + phase));

describe('gradient check', () => {
  it('relative error is |a - n| / max(|a|, |n|)', () => {
    expect(relativeError(1, 1.1)).toBeCloseTo(0.1 / 1.1, 15);
    expect(relativeError(-2, 2)).toBe(2);
    expect(relativeError(0, 0)).toBe(0);
  });

  it('agrees to 1e-6 on every weight of conv -> tanh -> dropout -> avgpool -> dense -> softmax (ce)', () => {
    const wb = workbookFrom({
      input: { shape: [1, 4, 4], data: wave(16, 0) },
      layers: [
        {
          type: 'conv2d',
          weight: { shape: [2, 1, 3, 3], data: wave(18, 0.5) },
          bias: [0.1, -0.1],
          padding: 1,
        },
        { type: 'tanh' },
        { type: 'dropout', p: 0.3 },
        { type: 'avgpool2d', size: 2 },
        { type: 'dense', weight: { shape: [3, 8], data: wave(24, 1) }, bias: [0, 0.2, -0.2] },
        { type: 'softmax' },
      ],
    });
    const set = [0, 1, 2].map((n) => example([1, 4, 4], wave(16, n + 0.25), { label: n }));
    const check = ok(checkGradients(wb, set, 'ce'));
    // conv 2x1x3x3 + 2 biases, dense 3 x 8 + 3 biases
    expect(check.entries).toHaveLength(18 + 2 + 24 + 3);
    expect(check.entries[19]?.path).toBe('layers[0].bias[1]');
    expect(check.worst?.relativeError).toBeLessThan(1e-6);
    expect(check.entries.every((e) => Math.abs(e.analytic) > 0)).toBe(true);
  });

  it('refuses examples that do not fit, with their place', () => {
    const wb = workbookFrom({
      input: { shape: [1, 1, 1], data: [1] },
      layers: [{ type: 'dense', weight: { shape: [1, 1], data: [1] } }],
    });
    const r = checkGradients(wb, [example([1, 1, 2], [1, 2], { label: 0 })], 'bce');
    expect(r.ok ? '' : r.errors[0]?.path).toBe('examples[0].input.shape');
  });
});
