import { describe, expect, it } from 'vitest';
import { fans, initializeWeights } from '../../../src-core/learn/init';
import type { Layer } from '../../../src-core/sheet/types';
import { weightsOf, workbookFrom } from './helpers';

// Initialisation schemes against their textbook bounds and spreads (torch.nn.init's definitions).

const dense = (out: number, inputs: number, extra: Record<string, unknown> = {}) => ({
  type: 'dense',
  weight: { shape: [out, inputs], data: Array(out * inputs).fill(0.5) },
  bias: Array(out).fill(0.5),
  ...extra,
});
const wb = (layer: Record<string, unknown>, more: Record<string, unknown>[] = []) => {
  const inputs = (layer.weight as { shape: number[] }).shape[1] ?? 1;
  return workbookFrom({
    input: { shape: [inputs, 1, 1], data: Array(inputs).fill(0) },
    layers: [layer, ...more],
  });
};

function spread(values: number[]): { mean: number; std: number; max: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance), max: Math.max(...values.map(Math.abs)) };
}

describe('initialisation', () => {
  it('fan_in and fan_out as torch.nn.init counts them', () => {
    const conv = { type: 'conv2d', weight: { shape: [8, 3, 5, 5] } } as unknown as Layer & { type: 'conv2d' };
    expect(fans(conv)).toEqual({ fanIn: 75, fanOut: 200 });
  });

  it('zeros sets every weight and bias to 0', () => {
    const w = weightsOf(initializeWeights(wb(dense(3, 4)), { scheme: 'zeros', seed: 1 }), 0);
    expect([...w.weight, ...w.bias]).toEqual(Array(15).fill(0));
  });

  it('keep leaves every value', () => {
    const w = weightsOf(initializeWeights(wb(dense(3, 4)), { scheme: 'keep', seed: 1 }), 0);
    expect([...w.weight, ...w.bias]).toEqual(Array(15).fill(0.5));
  });

  it('xavier: U(-a, a) with a = sqrt(6 / (fan_in + fan_out)), variance a^2 / 3; biases 0', () => {
    // 100 x 100: a = sqrt(6 / 200) = 0.1732..., variance 0.01
    const w = weightsOf(initializeWeights(wb(dense(100, 100)), { scheme: 'xavier', seed: 3 }), 0);
    const s = spread(w.weight);
    expect(s.max).toBeLessThanOrEqual(Math.sqrt(0.03));
    expect(s.max).toBeGreaterThan(0.99 * Math.sqrt(0.03));
    expect(s.std).toBeCloseTo(0.1, 2);
    expect(Math.abs(s.mean)).toBeLessThan(0.005);
    expect(w.bias).toEqual(Array(100).fill(0));
  });

  it('he: N(0, 2 / fan_in)', () => {
    // 200 x 50: std = sqrt(2 / 50) = 0.2
    const w = weightsOf(initializeWeights(wb(dense(200, 50)), { scheme: 'he', seed: 4 }), 0);
    const s = spread(w.weight);
    expect(s.std).toBeGreaterThan(0.2 * 0.97);
    expect(s.std).toBeLessThan(0.2 * 1.03);
    expect(Math.abs(s.mean)).toBeLessThan(0.006);
  });

  it('uniform: PyTorch default, weights and biases from U(-1/sqrt(fan_in), 1/sqrt(fan_in))', () => {
    // fan_in 100: bound 0.1, standard deviation 0.1 / sqrt(3) = 0.0577
    const w = weightsOf(initializeWeights(wb(dense(100, 100)), { scheme: 'uniform', seed: 5 }), 0);
    expect(spread(w.weight).max).toBeLessThanOrEqual(0.1);
    expect(spread(w.weight).std).toBeCloseTo(0.0577, 2);
    expect(spread(w.bias).max).toBeLessThanOrEqual(0.1);
    expect(new Set(w.bias).size).toBe(100);
  });

  it('normal: N(0, 1/fan_in) by default, or the std given', () => {
    // fan_in 400: std 0.05
    const w = weightsOf(initializeWeights(wb(dense(50, 400)), { scheme: 'normal', seed: 6 }), 0);
    expect(spread(w.weight).std).toBeGreaterThan(0.05 * 0.97);
    expect(spread(w.weight).std).toBeLessThan(0.05 * 1.03);
    const wide = weightsOf(initializeWeights(wb(dense(50, 400)), { scheme: 'normal', seed: 6, std: 2 }), 0);
    expect(spread(wide.weight).std).toBeCloseTo(spread(w.weight).std * 40, 10);
  });

  it('the same seed gives the same weights, another seed others', () => {
    const a = weightsOf(initializeWeights(wb(dense(3, 4)), { scheme: 'he', seed: 9 }), 0).weight;
    const b = weightsOf(initializeWeights(wb(dense(3, 4)), { scheme: 'he', seed: 9 }), 0).weight;
    const c = weightsOf(initializeWeights(wb(dense(3, 4)), { scheme: 'he', seed: 10 }), 0).weight;
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('leaves frozen cells, frozen layers and a bias-free zero bias alone; freezing a cell changes no other', () => {
    const start = wb(dense(2, 2), [
      dense(2, 2, { trainable: false }),
      { type: 'dense', weight: { shape: [2, 2], data: [1, 1, 1, 1] } },
    ]);
    const frozen = new Map([[0, { weight: Uint8Array.of(0, 1, 0, 0), bias: Uint8Array.of(0, 0) }]]);
    const free = initializeWeights(start, { scheme: 'xavier', seed: 2 });
    const held = initializeWeights(start, { scheme: 'xavier', seed: 2, frozen });
    const [w0, w1] = [weightsOf(free, 0).weight, weightsOf(held, 0).weight];
    expect(w1[1]).toBe(0.5);
    expect([w1[0], w1[2], w1[3]]).toEqual([w0[0], w0[2], w0[3]]);
    expect(weightsOf(held, 1)).toEqual({ weight: [0.5, 0.5, 0.5, 0.5], bias: [0.5, 0.5] });
    expect(weightsOf(held, 2).bias).toEqual([0, 0]);
    expect(weightsOf(start, 0).weight).toEqual([0.5, 0.5, 0.5, 0.5]);
  });
});
