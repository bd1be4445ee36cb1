// The filter gradient of a 3 x 3 convolution (stride 1, dilation 1) by Winograd's F(3x3, 2x2):
//   dL/dW[o, c, i, j] = sum over y, x of G[o, y, x] P[c, y + i, x + j]
// is, for each 2 x 2 tile g of G[o] at (2 ty, 2 tx) and the 4 x 4 tile d of P[c] at the same place, a
// 3 x 3 correlation of d with g, summed over the tiles. In one dimension, y_i = d_i g0 + d_(i+1) g1 for
// i = 0, 1, 2 comes from m1 = (d0 - d2) g0, m2 = (d1 + d2)(g0 + g1)/2, m3 = (d2 - d1)(g0 - g1)/2,
// m4 = (d3 - d1) g1 as y0 = m1 + m2 + m3, y1 = m2 - m3, y2 = m2 + m3 + m4. In two dimensions:
//   dL/dW[o, c] = A^T (sum over tiles of U (.) V) A,  U = H g H^T,  V = B^T d B
// with B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 -1 0 1], H = [1 0; 1/2 1/2; 1/2 -1/2; 0 1],
// A^T = [1 1 1 0; 0 1 -1 0; 0 1 1 1]. The sum over tiles, for each of the 16 positions p, is a matrix
// product S[p] (C_out x C_in) += U[p] (C_out x tiles) times V[p] transposed (tiles x C_in): 16
// multiplications per tile and filter-channel pair instead of 36.
import { F, lanes, mac } from './common';
import { cell } from './winograd';

/**
 * gradFilters (C_out x C_in x 3 x 3) from the padded input P (C_in x PH x PW) and the gradient G
 * (C_out x OH x OW), OH = PH - 2, OW = PW - 2. Scratch: `v` 16 x C_in x chunk, `u` 16 x C_out x chunk,
 * `s` 16 x C_out x C_in.
 */
export function filterGradWinograd(
  padded: usize,
  cIn: i32,
  ph: i32,
  pw: i32,
  grad: usize,
  cOut: i32,
  oh: i32,
  ow: i32,
  gradFilters: usize,
  v: usize,
  u: usize,
  s: usize,
  chunk: i32,
): void {
  const tilesW = (ow + 1) >> 1;
  const tiles = ((oh + 1) >> 1) * tilesW;
  memory.fill(s, 0, <usize>(16 * cOut * cIn) * F);
  for (let t0 = 0; t0 < tiles; t0 += chunk) {
    const n = min(chunk, tiles - t0);
    // Tile t sits at rows 2 (t / tilesW), columns 2 (t % tilesW): counted along, not divided per tile.
    for (let c = 0; c < cIn; c++) {
      let tx = t0 % tilesW;
      let ty = t0 / tilesW;
      for (let k = 0; k < n; k++) {
        dataTile(padded, c, ph, pw, ty * 2, tx * 2, v + <usize>(c * n + k) * F, <usize>(cIn * n) * F);
        if (++tx === tilesW) {
          tx = 0;
          ty++;
        }
      }
    }
    for (let o = 0; o < cOut; o++) {
      let tx = t0 % tilesW;
      let ty = t0 / tilesW;
      for (let k = 0; k < n; k++) {
        gradTile(grad, o, oh, ow, ty * 2, tx * 2, u + <usize>(o * n + k) * F, <usize>(cOut * n) * F);
        if (++tx === tilesW) {
          tx = 0;
          ty++;
        }
      }
    }
    for (let p = 0; p < 16; p++) {
      accumulate(
        u + <usize>(p * cOut * n) * F,
        v + <usize>(p * cIn * n) * F,
        s + <usize>(p * cOut * cIn) * F,
        cOut,
        cIn,
        n,
      );
    }
  }
  const step = <usize>(cOut * cIn) * F;
  for (let k = 0; k < cOut * cIn; k++) outputTile(s + <usize>k * F, step, gradFilters + <usize>(k * 9) * F);
}

/** V = B^T d B for the 4 x 4 tile of P[c] at (y, x); V[p] goes to dst + p * step. */
function dataTile(padded: usize, c: i32, ph: i32, pw: i32, y: i32, x: i32, dst: usize, step: usize): void {
  let d00: f64, d01: f64, d02: f64, d03: f64, d10: f64, d11: f64, d12: f64, d13: f64;
  let d20: f64, d21: f64, d22: f64, d23: f64, d30: f64, d31: f64, d32: f64, d33: f64;
  if (y + 3 < ph && x + 3 < pw) {
    const r0 = padded + <usize>((c * ph + y) * pw + x) * F;
    const r1 = r0 + <usize>pw * F;
    const r2 = r1 + <usize>pw * F;
    const r3 = r2 + <usize>pw * F;
    d00 = load<f64>(r0);
    d01 = load<f64>(r0, 8);
    d02 = load<f64>(r0, 16);
    d03 = load<f64>(r0, 24);
    d10 = load<f64>(r1);
    d11 = load<f64>(r1, 8);
    d12 = load<f64>(r1, 16);
    d13 = load<f64>(r1, 24);
    d20 = load<f64>(r2);
    d21 = load<f64>(r2, 8);
    d22 = load<f64>(r2, 16);
    d23 = load<f64>(r2, 24);
    d30 = load<f64>(r3);
    d31 = load<f64>(r3, 8);
    d32 = load<f64>(r3, 16);
    d33 = load<f64>(r3, 24);
  } else {
    d00 = cell(padded, c, ph, pw, y, x);
    d01 = cell(padded, c, ph, pw, y, x + 1);
    d02 = cell(padded, c, ph, pw, y, x + 2);
    d03 = cell(padded, c, ph, pw, y, x + 3);
    d10 = cell(padded, c, ph, pw, y + 1, x);
    d11 = cell(padded, c, ph, pw, y + 1, x + 1);
    d12 = cell(padded, c, ph, pw, y + 1, x + 2);
    d13 = cell(padded, c, ph, pw, y + 1, x + 3);
    d20 = cell(padded, c, ph, pw, y + 2, x);
    d21 = cell(padded, c, ph, pw, y + 2, x + 1);
    d22 = cell(padded, c, ph, pw, y + 2, x + 2);
    d23 = cell(padded, c, ph, pw, y + 2, x + 3);
    d30 = cell(padded, c, ph, pw, y + 3, x);
    d31 = cell(padded, c, ph, pw, y + 3, x + 1);
    d32 = cell(padded, c, ph, pw, y + 3, x + 2);
    d33 = cell(padded, c, ph, pw, y + 3, x + 3);
  }
  // e = B^T d, by columns.
  const e00 = d00 - d20,
    e01 = d01 - d21,
    e02 = d02 - d22,
    e03 = d03 - d23;
  const e10 = d10 + d20,
    e11 = d11 + d21,
    e12 = d12 + d22,
    e13 = d13 + d23;
  const e20 = d20 - d10,
    e21 = d21 - d11,
    e22 = d22 - d12,
    e23 = d23 - d13;
  const e30 = d30 - d10,
    e31 = d31 - d11,
    e32 = d32 - d12,
    e33 = d33 - d13;
  // V = e B, by rows.
  store<f64>(dst, e00 - e02);
  store<f64>(dst + step, e01 + e02);
  store<f64>(dst + 2 * step, e02 - e01);
  store<f64>(dst + 3 * step, e03 - e01);
  store<f64>(dst + 4 * step, e10 - e12);
  store<f64>(dst + 5 * step, e11 + e12);
  store<f64>(dst + 6 * step, e12 - e11);
  store<f64>(dst + 7 * step, e13 - e11);
  store<f64>(dst + 8 * step, e20 - e22);
  store<f64>(dst + 9 * step, e21 + e22);
  store<f64>(dst + 10 * step, e22 - e21);
  store<f64>(dst + 11 * step, e23 - e21);
  store<f64>(dst + 12 * step, e30 - e32);
  store<f64>(dst + 13 * step, e31 + e32);
  store<f64>(dst + 14 * step, e32 - e31);
  store<f64>(dst + 15 * step, e33 - e31);
}

/** U = H g H^T for the 2 x 2 tile of G[o] at (y, x) (0 past OH x OW); U[p] goes to dst + p * step. */
function gradTile(grad: usize, o: i32, oh: i32, ow: i32, y: i32, x: i32, dst: usize, step: usize): void {
  const at = grad + <usize>((o * oh + y) * ow + x) * F;
  const right = x + 1 < ow;
  const below = y + 1 < oh;
  const a = load<f64>(at);
  const b: f64 = right ? load<f64>(at, 8) : 0;
  const c: f64 = below ? load<f64>(at + <usize>ow * F) : 0;
  const d: f64 = right && below ? load<f64>(at + <usize>ow * F, 8) : 0;
  // t = H g (4 x 2), then U = t H^T: a row [p, q] becomes [p, (p + q)/2, (p - q)/2, q].
  const t10 = (a + c) * 0.5,
    t11 = (b + d) * 0.5,
    t20 = (a - c) * 0.5,
    t21 = (b - d) * 0.5;
  store<f64>(dst, a);
  store<f64>(dst + step, (a + b) * 0.5);
  store<f64>(dst + 2 * step, (a - b) * 0.5);
  store<f64>(dst + 3 * step, b);
  store<f64>(dst + 4 * step, t10);
  store<f64>(dst + 5 * step, (t10 + t11) * 0.5);
  store<f64>(dst + 6 * step, (t10 - t11) * 0.5);
  store<f64>(dst + 7 * step, t11);
  store<f64>(dst + 8 * step, t20);
  store<f64>(dst + 9 * step, (t20 + t21) * 0.5);
  store<f64>(dst + 10 * step, (t20 - t21) * 0.5);
  store<f64>(dst + 11 * step, t21);
  store<f64>(dst + 12 * step, c);
  store<f64>(dst + 13 * step, (c + d) * 0.5);
  store<f64>(dst + 14 * step, (c - d) * 0.5);
  store<f64>(dst + 15 * step, d);
}

/** dst (3 x 3) = A^T S A, S[p] read from src + p * step. */
function outputTile(src: usize, step: usize, dst: usize): void {
  const m00 = load<f64>(src),
    m01 = load<f64>(src + step),
    m02 = load<f64>(src + 2 * step),
    m03 = load<f64>(src + 3 * step);
  const m10 = load<f64>(src + 4 * step),
    m11 = load<f64>(src + 5 * step),
    m12 = load<f64>(src + 6 * step),
    m13 = load<f64>(src + 7 * step);
  const m20 = load<f64>(src + 8 * step),
    m21 = load<f64>(src + 9 * step),
    m22 = load<f64>(src + 10 * step),
    m23 = load<f64>(src + 11 * step);
  const m30 = load<f64>(src + 12 * step),
    m31 = load<f64>(src + 13 * step),
    m32 = load<f64>(src + 14 * step),
    m33 = load<f64>(src + 15 * step);
  // r = A^T S, by columns, then dst = r A, by rows.
  const r00 = m00 + m10 + m20,
    r01 = m01 + m11 + m21,
    r02 = m02 + m12 + m22,
    r03 = m03 + m13 + m23;
  const r10 = m10 - m20,
    r11 = m11 - m21,
    r12 = m12 - m22,
    r13 = m13 - m23;
  const r20 = m10 + m20 + m30,
    r21 = m11 + m21 + m31,
    r22 = m12 + m22 + m32,
    r23 = m13 + m23 + m33;
  store<f64>(dst, r00 + r01 + r02);
  store<f64>(dst, r01 - r02, 8);
  store<f64>(dst, r01 + r02 + r03, 16);
  store<f64>(dst, r10 + r11 + r12, 24);
  store<f64>(dst, r11 - r12, 32);
  store<f64>(dst, r11 + r12 + r13, 40);
  store<f64>(dst, r20 + r21 + r22, 48);
  store<f64>(dst, r21 - r22, 56);
  store<f64>(dst, r21 + r22 + r23, 64);
}

/** dst (rows x cols) += a (rows x n) times b (cols x n) transposed: dot products along n, 4 x 2 at a time. */
function accumulate(a: usize, b: usize, dst: usize, rows: i32, cols: i32, n: i32): void {
  const len = <usize>n * F;
  const even = n & ~1;
  for (let r = 0; r < rows; r += 4) {
    const rs = min(4, rows - r);
    for (let c = 0; c < cols; c += 2) {
      const cs = min(2, cols - c);
      if (rs === 4 && cs === 2) {
        dot4x2(
          a + <usize>r * len,
          len,
          b + <usize>c * len,
          len,
          even,
          n,
          dst + <usize>(r * cols + c) * F,
          <usize>cols * F,
        );
      } else {
        for (let i = 0; i < rs; i++) {
          for (let j = 0; j < cs; j++) {
            const d = dst + <usize>((r + i) * cols + c + j) * F;
            store<f64>(d, load<f64>(d) + dotRow(a + <usize>(r + i) * len, b + <usize>(c + j) * len, n));
          }
        }
      }
    }
  }
}

function dot4x2(
  a: usize,
  aRow: usize,
  b: usize,
  bRow: usize,
  even: i32,
  n: i32,
  dst: usize,
  dstRow: usize,
): void {
  const zero = f64x2.splat(0);
  let s00 = zero,
    s01 = zero,
    s10 = zero,
    s11 = zero,
    s20 = zero,
    s21 = zero,
    s30 = zero,
    s31 = zero;
  for (let k = 0; k < even; k += 2) {
    const o = <usize>k * F;
    const b0 = v128.load(b + o);
    const b1 = v128.load(b + bRow + o);
    let av = v128.load(a + o);
    s00 = mac(s00, av, b0);
    s01 = mac(s01, av, b1);
    av = v128.load(a + aRow + o);
    s10 = mac(s10, av, b0);
    s11 = mac(s11, av, b1);
    av = v128.load(a + 2 * aRow + o);
    s20 = mac(s20, av, b0);
    s21 = mac(s21, av, b1);
    av = v128.load(a + 3 * aRow + o);
    s30 = mac(s30, av, b0);
    s31 = mac(s31, av, b1);
  }
  let t00 = lanes(s00),
    t01 = lanes(s01),
    t10 = lanes(s10),
    t11 = lanes(s11);
  let t20 = lanes(s20),
    t21 = lanes(s21),
    t30 = lanes(s30),
    t31 = lanes(s31);
  if (even < n) {
    const o = <usize>even * F;
    const b0 = load<f64>(b + o);
    const b1 = load<f64>(b + bRow + o);
    t00 += load<f64>(a + o) * b0;
    t01 += load<f64>(a + o) * b1;
    t10 += load<f64>(a + aRow + o) * b0;
    t11 += load<f64>(a + aRow + o) * b1;
    t20 += load<f64>(a + 2 * aRow + o) * b0;
    t21 += load<f64>(a + 2 * aRow + o) * b1;
    t30 += load<f64>(a + 3 * aRow + o) * b0;
    t31 += load<f64>(a + 3 * aRow + o) * b1;
  }
  store<f64>(dst, load<f64>(dst) + t00);
  store<f64>(dst, load<f64>(dst, 8) + t01, 8);
  store<f64>(dst + dstRow, load<f64>(dst + dstRow) + t10);
  store<f64>(dst + dstRow, load<f64>(dst + dstRow, 8) + t11, 8);
  store<f64>(dst + 2 * dstRow, load<f64>(dst + 2 * dstRow) + t20);
  store<f64>(dst + 2 * dstRow, load<f64>(dst + 2 * dstRow, 8) + t21, 8);
  store<f64>(dst + 3 * dstRow, load<f64>(dst + 3 * dstRow) + t30);
  store<f64>(dst + 3 * dstRow, load<f64>(dst + 3 * dstRow, 8) + t31, 8);
}

function dotRow(a: usize, b: usize, n: i32): f64 {
  let sum: f64 = 0;
  for (let k = 0; k < n; k++) sum += load<f64>(a + <usize>k * F) * load<f64>(b + <usize>k * F);
  return sum;
}
