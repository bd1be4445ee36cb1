import { expect } from 'vitest';

/**
 * Asserts two arrays agree to `relative` (default 1e-9, CONTRACTS' float64 bar) of the larger
 * magnitude, with an absolute floor for values near zero where a relative error means nothing.
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  where: string,
  relative = 1e-9,
  absolute = 1e-12,
): void {
  expect(actual.length, `${where}: length`).toBe(expected.length);
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] ?? NaN;
    const e = expected[i] ?? NaN;
    const excess = Math.abs(a - e) - (relative * Math.max(Math.abs(a), Math.abs(e)) + absolute);
    if (!(excess <= worst)) {
      worst = Number.isNaN(excess) ? Infinity : excess;
      worstAt = i;
    }
  }
  if (worstAt >= 0) {
    expect.fail(`${where}[${worstAt}]: got ${actual[worstAt]}, expected ${expected[worstAt]}`);
  }
}
