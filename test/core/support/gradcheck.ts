/**
 * Finite-difference gradient checking for the operations' backward passes.
 *
 * For an operation out = f(params) and a fixed random upstream gradient G shaped like out, the scalar
 * L = sum(out * G) has dL/dparam = backward(G). Each parameter value p is nudged to p + h and p - h and
 * the central difference (L(p + h) - L(p - h)) / (2h) is compared with the analytic value a:
 *   error = |a - numeric| / max(1, |a|, |numeric|)
 * a relative error for gradients above 1 and an absolute one below, so exact zeros (cells no window
 * reads) are checked without dividing by zero.
 */
import { expect } from 'vitest';
import { createRandom } from '../../../src-core/random';
import { tensor, type Tensor } from '../../../src-core/tensor';

export interface GradcheckCase {
  /** The arrays the forward reads: the checker nudges them in place and restores each value. */
  readonly params: Readonly<Record<string, Float64Array>>;
  /** The operation on the current values of params: a tensor, or a scalar such as a loss. */
  readonly forward: () => Tensor | number;
  /** The analytic gradient of sum(out * G) for each param (G is ignored when forward is a scalar). */
  readonly backward: (gradOutput: Tensor) => Readonly<Record<string, Float64Array | Tensor>>;
  /** Seed of the upstream gradient G. */
  readonly seed?: number;
  /** Step of the central difference. */
  readonly h?: number;
}

export interface GradcheckReport {
  /** Largest error over each param's values. */
  readonly maxError: Record<string, number>;
  /** Largest |analytic gradient| of each param: a check that the test is not comparing zeros. */
  readonly maxAbsGradient: Record<string, number>;
}

function objective(out: Tensor | number, upstream: Tensor | null): number {
  if (typeof out === 'number') return out;
  if (upstream === null) throw new Error('gradcheck: forward returned a tensor after a scalar');
  let sum = 0;
  for (let k = 0; k < out.data.length; k++) sum += (out.data[k] ?? 0) * (upstream.data[k] ?? 0);
  return sum;
}

export function gradcheck(c: GradcheckCase): GradcheckReport {
  const h = c.h ?? 1e-6;
  const first = c.forward();
  let upstream: Tensor | null = null;
  if (typeof first !== 'number') {
    const random = createRandom(c.seed ?? 7);
    upstream = tensor(
      first.shape,
      Array.from(first.data, () => random.normal()),
    );
  }
  const analytic = c.backward(upstream ?? tensor([1], [1]));
  const report: GradcheckReport = { maxError: {}, maxAbsGradient: {} };
  for (const [name, values] of Object.entries(c.params)) {
    const given = analytic[name];
    if (given === undefined) throw new Error(`gradcheck: backward gave no gradient for ${name}`);
    const grad = given instanceof Float64Array ? given : given.data;
    expect(grad.length, `gradient of ${name} has one value per parameter`).toBe(values.length);
    let maxError = 0;
    let maxAbs = 0;
    for (let k = 0; k < values.length; k++) {
      const saved = values[k] ?? 0;
      values[k] = saved + h;
      const plus = objective(c.forward(), upstream);
      values[k] = saved - h;
      const minus = objective(c.forward(), upstream);
      values[k] = saved;
      const numeric = (plus - minus) / (2 * h);
      const a = grad[k] ?? 0;
      maxError = Math.max(maxError, Math.abs(a - numeric) / Math.max(1, Math.abs(a), Math.abs(numeric)));
      maxAbs = Math.max(maxAbs, Math.abs(a));
    }
    report.maxError[name] = maxError;
    report.maxAbsGradient[name] = maxAbs;
  }
  return report;
}

/** Asserts every param's gradient matches its central difference within `tolerance` and is not all zero. */
export function expectGradientsMatch(c: GradcheckCase, tolerance = 1e-6): GradcheckReport {
  const report = gradcheck(c);
  for (const name of Object.keys(c.params)) {
    expect(report.maxError[name], `error of d/d${name}`).toBeLessThan(tolerance);
    expect(report.maxAbsGradient[name], `d/d${name} is not all zero`).toBeGreaterThan(0);
  }
  return report;
}
