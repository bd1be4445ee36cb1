// ReLU over a whole feature map stack, two values per instruction and no branch (a loop in TypeScript
// mispredicts one branch in two on a map of mixed signs). max(x, 0) as F.relu: x where x > 0 or x is
// NaN, +0 elsewhere (-0 included), which is x with the lanes where x <= 0 cleared.
import { F } from './common';
import { finishScan } from './scan';

/**
 * dst[k] = max(src[k], 0) for k < n (dst may be src). Scans the result as scanValues does into
 * `result` (16 bytes) unless it is 0.
 */
export function reluForward(src: usize, dst: usize, n: i32, result: usize): void {
  const zero = f64x2.splat(0);
  const inf = f64x2.splat(Infinity);
  let m0 = zero;
  let m1 = zero;
  let b0 = i64x2.splat(0);
  let b1 = b0;
  let s = src;
  let d = dst;
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const x0 = v128.load(s);
    const x1 = v128.load(s, 16);
    const y0 = v128.andnot(x0, f64x2.le(x0, zero));
    const y1 = v128.andnot(x1, f64x2.le(x1, zero));
    v128.store(d, y0);
    v128.store(d, y1, 16);
    // y >= 0 or NaN: y itself is |y|.
    const f0 = f64x2.lt(y0, inf);
    const f1 = f64x2.lt(y1, inf);
    m0 = f64x2.pmax(m0, v128.and(y0, f0));
    m1 = f64x2.pmax(m1, v128.and(y1, f1));
    b0 = i64x2.sub(b0, v128.not(f0));
    b1 = i64x2.sub(b1, v128.not(f1));
    s += 4 * F;
    d += 4 * F;
  }
  const tail = d;
  const rest = n - k;
  for (; k < n; k++) {
    store<f64>(d, max<f64>(load<f64>(s), 0));
    s += F;
    d += F;
  }
  finishScan(f64x2.pmax(m0, m1), i64x2.add(b0, b1), tail, rest, result);
}
