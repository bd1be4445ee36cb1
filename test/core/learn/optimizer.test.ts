import { describe, expect, it } from 'vitest';
import {
  checkOptimizerSettings,
  createOptimizer,
  type OptimizerSettings,
} from '../../../src-core/learn/optimizer';
import type { Parameter } from '../../../src-core/learn/parameters';

// torch.optim's update rules worked by hand on one or two numbers (formulas in sgd.ts and adam.ts).

function param(values: number[], frozen?: number[]): Parameter {
  return {
    layer: 0,
    kind: 'weight',
    path: 'layers[0].weight.data',
    values: Float64Array.from(values),
    frozen: frozen === undefined ? null : Uint8Array.from(frozen),
  };
}

/** Runs the optimizer on one parameter with the given gradient at each step; the values after each. */
function trace(settings: OptimizerSettings, start: number[], grads: number[][]): number[][] {
  const p = param(start);
  const opt = createOptimizer(settings);
  return grads.map((g) => {
    opt.step([p], [Float64Array.from(g)]);
    return Array.from(p.values);
  });
}

describe('SGD', () => {
  it('plain: w - lr * g', () => {
    // 1 - 0.1 * 0.5 = 0.95; -2 - 0.1 * (-3) = -1.7
    const [after] = trace({ name: 'sgd', lr: 0.1 }, [1, -2], [[0.5, -3]]);
    expect(after?.[0]).toBeCloseTo(0.95, 15);
    expect(after?.[1]).toBeCloseTo(-1.7, 15);
  });

  it('momentum 0.9 with a constant gradient 1: buffers 1, 1.9, 2.71', () => {
    // w: 1 - 0.1*1 = 0.9; 0.9 - 0.1*1.9 = 0.71; 0.71 - 0.1*2.71 = 0.439
    const steps = trace({ name: 'sgd', lr: 0.1, momentum: 0.9 }, [1], [[1], [1], [1]]);
    expect(steps.map((s) => s[0])).toEqual([0.9, 0.71, 0.439].map((v) => expect.closeTo(v, 14) as number));
  });

  it('Nesterov: the step uses g + momentum * buffer', () => {
    // step 1: buf = 1, g' = 1 + 0.9*1 = 1.9, w = 1 - 0.19 = 0.81
    // step 2: buf = 0.9*1 + 1 = 1.9, g' = 1 + 0.9*1.9 = 2.71, w = 0.81 - 0.271 = 0.539
    const steps = trace({ name: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true }, [1], [[1], [1]]);
    expect(steps[0]?.[0]).toBeCloseTo(0.81, 14);
    expect(steps[1]?.[0]).toBeCloseTo(0.539, 14);
  });

  it('weight decay adds weightDecay * w to the gradient', () => {
    // g' = 0.5 + 0.1 * 2 = 0.7; w = 2 - 0.1 * 0.7 = 1.93. With g = 0 the weight still shrinks: 2 * (1 - 0.01) = 1.98.
    expect(trace({ name: 'sgd', lr: 0.1, weightDecay: 0.1 }, [2], [[0.5]])[0]?.[0]).toBeCloseTo(1.93, 14);
    expect(trace({ name: 'sgd', lr: 0.1, weightDecay: 0.1 }, [2], [[0]])[0]?.[0]).toBeCloseTo(1.98, 14);
  });

  it('momentum with weight decay: the buffer gathers the decayed gradient', () => {
    // step 1: g' = 1 + 0.5*1 = 1.5, buf = 1.5, w = 1 - 0.1*1.5 = 0.85
    // step 2: g' = 1 + 0.5*0.85 = 1.425, buf = 0.5*1.5 + 1.425 = 2.175, w = 0.85 - 0.2175 = 0.6325
    const steps = trace({ name: 'sgd', lr: 0.1, momentum: 0.5, weightDecay: 0.5 }, [1], [[1], [1]]);
    expect(steps[1]?.[0]).toBeCloseTo(0.6325, 14);
  });
});

describe('Adam', () => {
  it('first step moves each weight by lr against the sign of its gradient (bias correction)', () => {
    // m = 0.1 g, v = 0.001 g^2; m_hat = g, v_hat = g^2: w - lr * g / (|g| + 1e-8)
    const [after] = trace({ name: 'adam', lr: 0.1 }, [1, 1], [[0.5, -0.002]]);
    expect(after?.[0]).toBeCloseTo(1 - (0.1 * 0.5) / (0.5 + 1e-8), 15);
    expect(after?.[1]).toBeCloseTo(1 + (0.1 * 0.002) / (0.002 + 1e-8), 15);
  });

  it('second step from the running means', () => {
    // t=1, g=0.5: m = 0.05, v = 0.00025, w = 1 - 0.1*0.5/(0.5 + 1e-8)
    // t=2, g=0.25: m = 0.9*0.05 + 0.1*0.25 = 0.07; v = 0.999*0.00025 + 0.001*0.0625 = 0.00031225
    //   w -= (0.1 / (1 - 0.81)) * 0.07 / (sqrt(0.00031225) / sqrt(1 - 0.998001) + 1e-8)
    const steps = trace({ name: 'adam', lr: 0.1 }, [1], [[0.5], [0.25]]);
    const w1 = 1 - (0.1 * 0.5) / (0.5 + 1e-8);
    const w2 = w1 - (0.1 / 0.19) * (0.07 / (Math.sqrt(0.00031225) / Math.sqrt(0.001999) + 1e-8));
    expect(steps[1]?.[0]).toBeCloseTo(w2, 12);
    expect(w1 - w2).toBeCloseTo(0.0932183, 6);
  });

  it('weight decay is L2 on the gradient (torch.optim.Adam), not decoupled (AdamW)', () => {
    // g' = 0 + 0.5 * 2 = 1: the first step is lr * 1 / (1 + 1e-8) against it
    const [after] = trace({ name: 'adam', lr: 0.1, weightDecay: 0.5 }, [2], [[0]]);
    expect(after?.[0]).toBeCloseTo(2 - 0.1 / (1 + 1e-8), 15);
  });

  it('reset starts the bias correction again at t = 1', () => {
    const p = param([1]);
    const opt = createOptimizer({ name: 'adam', lr: 0.1 });
    opt.step([p], [Float64Array.of(0.5)]);
    opt.reset();
    expect(opt.steps).toBe(0);
    opt.step([p], [Float64Array.of(-4)]);
    const w1 = 1 - (0.1 * 0.5) / (0.5 + 1e-8);
    expect(p.values[0]).toBeCloseTo(w1 + (0.1 * 4) / (4 + 1e-8), 15);
  });
});

describe('both optimizers', () => {
  it.each([
    { name: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0.1 },
    { name: 'adam', lr: 0.1, weightDecay: 0.1 },
  ] satisfies OptimizerSettings[])('$name leaves frozen cells exactly as they are', (settings) => {
    const p = param([0.5, 0.25, -1], [0, 1, 0]);
    const opt = createOptimizer(settings);
    for (let s = 0; s < 3; s++) opt.step([p], [Float64Array.of(1, 1, 1)]);
    expect(p.values[1]).toBe(0.25);
    expect(p.values[0]).not.toBe(0.5);
    expect(p.values[2]).not.toBe(-1);
  });

  it('a new learning rate applies from the next step, momentum kept', () => {
    // step 1 (lr 0.1): buf = 1, w = 0.9; step 2 (lr 0.01): buf = 1.9, w = 0.9 - 0.019 = 0.881
    const p = param([1]);
    const opt = createOptimizer({ name: 'sgd', lr: 0.1, momentum: 0.9 });
    opt.step([p], [Float64Array.of(1)]);
    opt.setLearningRate(0.01);
    opt.step([p], [Float64Array.of(1)]);
    expect(p.values[0]).toBeCloseTo(0.881, 14);
  });

  it('settings torch.optim refuses are issues naming the setting', () => {
    expect(checkOptimizerSettings({ name: 'sgd', lr: 0 }).map((i) => i.path)).toEqual(['optimizer.lr']);
    expect(checkOptimizerSettings({ name: 'sgd', lr: 0.1, nesterov: true })[0]?.message).toContain(
      'Nesterov momentum needs a momentum above 0',
    );
    expect(checkOptimizerSettings({ name: 'adam', lr: 0.1, beta1: 1 }).map((i) => i.path)).toEqual([
      'optimizer.beta1',
    ]);
    expect(checkOptimizerSettings({ name: 'sgd', lr: 0.1, weightDecay: -1 }).map((i) => i.path)).toEqual([
      'optimizer.weightDecay',
    ]);
  });
});
