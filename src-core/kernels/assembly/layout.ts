// Around the convolution: zero padding of the gradient already in memory (bulk copies and fills are
// single instructions in WebAssembly), and the per-plane sums that give the bias gradient.
import { F, lanes } from './common';

/** dst (C x (H+top+bottom) x (W+left+right)) = src (C x H x W) framed by zeros. */
export function padZeros(
  src: usize,
  c: i32,
  h: i32,
  w: i32,
  dst: usize,
  top: i32,
  bottom: i32,
  left: i32,
  right: i32,
): void {
  const pw = w + left + right;
  const rowBytes = <usize>w * F;
  let d = dst;
  let s = src;
  for (let ch = 0; ch < c; ch++) {
    memory.fill(d, 0, <usize>(top * pw + left) * F);
    d += <usize>(top * pw + left) * F;
    for (let r = 0; r < h; r++) {
      memory.copy(d, s, rowBytes);
      s += rowBytes;
      d += rowBytes;
      // The right border of this row and the left border of the next are adjacent: one fill.
      const gap = r === h - 1 ? right : right + left;
      memory.fill(d, 0, <usize>gap * F);
      d += <usize>gap * F;
    }
    memory.fill(d, 0, <usize>(bottom * pw) * F);
    d += <usize>(bottom * pw) * F;
  }
}

/** dst[p] = sum of the n values of plane p of src (planes x n). */
export function planeSums(src: usize, planes: i32, n: i32, dst: usize): void {
  let s = src;
  for (let p = 0; p < planes; p++) {
    let a = f64x2.splat(0);
    let b = f64x2.splat(0);
    let k = 0;
    for (; k + 4 <= n; k += 4) {
      a = f64x2.add(a, v128.load(s));
      b = f64x2.add(b, v128.load(s, 16));
      s += 4 * F;
    }
    let rest: f64 = 0;
    for (; k < n; k++) {
      rest += load<f64>(s);
      s += F;
    }
    store<f64>(dst + <usize>p * F, lanes(f64x2.add(a, b)) + rest);
  }
}
