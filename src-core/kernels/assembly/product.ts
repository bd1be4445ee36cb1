// The matrix product at the heart of the Winograd kernels, in register tiles like the direct kernel.
import { F, mac } from './common';

/** dst (rows x n) = a (rows x inner) times b (inner x n), all row-major, in tiles of 4 rows x 4 columns. */
export function product(a: usize, b: usize, dst: usize, rows: i32, inner: i32, n: i32): void {
  const aRow = <usize>inner * F;
  const bRow = <usize>n * F;
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    let k = 0;
    for (; k + 4 <= n; k += 4) {
      const zero = f64x2.splat(0);
      let c00 = zero,
        c01 = zero,
        c10 = zero,
        c11 = zero,
        c20 = zero,
        c21 = zero,
        c30 = zero,
        c31 = zero;
      let ap = a + <usize>r * aRow;
      let bp = b + <usize>k * F;
      const aEnd = ap + aRow;
      for (; ap < aEnd; ap += F) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        let av = v128.load64_splat(ap);
        c00 = mac(c00, av, b0);
        c01 = mac(c01, av, b1);
        av = v128.load64_splat(ap + aRow);
        c10 = mac(c10, av, b0);
        c11 = mac(c11, av, b1);
        av = v128.load64_splat(ap + 2 * aRow);
        c20 = mac(c20, av, b0);
        c21 = mac(c21, av, b1);
        av = v128.load64_splat(ap + 3 * aRow);
        c30 = mac(c30, av, b0);
        c31 = mac(c31, av, b1);
        bp += bRow;
      }
      const d = dst + <usize>r * bRow + <usize>k * F;
      v128.store(d, c00);
      v128.store(d, c01, 16);
      v128.store(d + bRow, c10);
      v128.store(d + bRow, c11, 16);
      v128.store(d + 2 * bRow, c20);
      v128.store(d + 2 * bRow, c21, 16);
      v128.store(d + 3 * bRow, c30);
      v128.store(d + 3 * bRow, c31, 16);
    }
    for (; k < n; k++)
      for (let q = 0; q < 4; q++)
        store<f64>(
          dst + <usize>((r + q) * n + k) * F,
          dot(a + <usize>(r + q) * aRow, b + <usize>k * F, bRow, inner),
        );
  }
  for (; r < rows; r++) {
    for (let k = 0; k < n; k++)
      store<f64>(dst + <usize>(r * n + k) * F, dot(a + <usize>r * aRow, b + <usize>k * F, bRow, inner));
  }
}

/** sum over i of a[i] * b[i * step]. */
function dot(a: usize, b: usize, step: usize, inner: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < inner; i++) s += load<f64>(a + <usize>i * F) * load<f64>(b + <usize>i * step);
  return s;
}
