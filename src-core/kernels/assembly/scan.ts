// What the sheet needs to know of every map it shows, found where the map is written: its largest finite
// |value| (the colour scale's limit) and how many of its values are NaN or infinite (overflow).
// Branch-free, lane by lane: a finite value has |v| < Infinity, which NaN and both infinities fail.
import { F } from './common';

/**
 * result[0] = the largest |v| among the finite values of src[0 .. n) (0 when there are none);
 * result[1] = how many of them are not finite.
 */
export function scanValues(src: usize, n: i32, result: usize): void {
  const inf = f64x2.splat(Infinity);
  let m0 = f64x2.splat(0);
  let m1 = m0;
  let b0 = i64x2.splat(0);
  let b1 = b0;
  let p = src;
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const a0 = f64x2.abs(v128.load(p));
    const a1 = f64x2.abs(v128.load(p, 16));
    const f0 = f64x2.lt(a0, inf);
    const f1 = f64x2.lt(a1, inf);
    // Non-finite lanes count as 0 in the maximum, and add 1 (the mask is -1) to the count.
    m0 = f64x2.pmax(m0, v128.and(a0, f0));
    m1 = f64x2.pmax(m1, v128.and(a1, f1));
    b0 = i64x2.sub(b0, v128.not(f0));
    b1 = i64x2.sub(b1, v128.not(f1));
    p += 4 * F;
  }
  finishScan(f64x2.pmax(m0, m1), i64x2.add(b0, b1), p, n - k, result);
}

/**
 * Ends a scan: folds the lanes of the largest |value| `m` and of the count `bad`, takes in the `rest`
 * values left at `p`, and writes both to `result` (nothing when result is 0).
 */
export function finishScan(m: v128, bad: v128, p: usize, rest: i32, result: usize): void {
  if (result === 0) return;
  let largest = max<f64>(f64x2.extract_lane(m, 0), f64x2.extract_lane(m, 1));
  let count = i64x2.extract_lane(bad, 0) + i64x2.extract_lane(bad, 1);
  for (let k = 0; k < rest; k++) {
    const a = abs<f64>(load<f64>(p + <usize>k * F));
    if (a < Infinity) {
      if (a > largest) largest = a;
    } else {
      count++;
    }
  }
  store<f64>(result, largest);
  store<f64>(result, <f64>count, F);
}
