// Winograd's minimal filtering F(2x2, 3x3) (Lavin and Gray, "Fast Algorithms for Convolutional Neural
// Networks", 2016) for 3 x 3 filters at stride 1 and dilation 1 on an already padded input: each 2 x 2
// block of outputs costs 16 multiplications per (filter, channel) instead of 36.
//
// In one dimension, outputs y0 = d0 g0 + d1 g1 + d2 g2 and y1 = d1 g0 + d2 g1 + d3 g2 come from
//   m1 = (d0 - d2) g0,  m2 = (d1 + d2) (g0 + g1 + g2) / 2,  m3 = (d2 - d1) (g0 - g1 + g2) / 2,
//   m4 = (d1 - d3) g2,  y0 = m1 + m2 + m3,  y1 = m2 - m3 - m4.
// In two dimensions, per filter o, channel c and 4 x 4 input tile d at (2 ty, 2 tx):
//   U = G g G^T (4 x 4, made by the caller), V = B^T d B, M = sum over c of U (.) V, Y = A^T M A (2 x 2)
// with B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1] and A^T = [1 1 1 0; 0 1 -1 -1]. For each of the 16
// positions p the sum over channels is a matrix product, M[p] (C_out x tiles) = U[p] (C_out x C_in) x
// V[p] (C_in x tiles), done in register tiles like the direct kernel. Tiles go in chunks so that V and
// M stay in cache. The factors are exact in binary (0, 1, 1/2): results differ from the direct sums by
// rounding only.
import { F } from './common';
import { product } from './product';

/** Doubles between consecutive positions' blocks of V and M beyond their size (kernels/winograd.ts allots them). */
export const SKEW = 8;

/**
 * featureMap[o] = sum over c of W[o, c] correlated with P[c] (+ bias[o] when `bias` is not 0), from the
 * transformed filters `u` (16 x C_out x C_in). Scratch: `v` holds 16 x (C_in x chunk + SKEW) values, `m`
 * 16 x (C_out x chunk + SKEW).
 */
export function convWinograd(
  padded: usize,
  cIn: i32,
  ph: i32,
  pw: i32,
  u: usize,
  cOut: i32,
  bias: usize,
  out: usize,
  oh: i32,
  ow: i32,
  v: usize,
  m: usize,
  chunk: i32,
): void {
  const tilesW = (ow + 1) >> 1;
  const tiles = ((oh + 1) >> 1) * tilesW;
  for (let t0 = 0; t0 < tiles; t0 += chunk) {
    const n = min(chunk, tiles - t0);
    // V[p] and M[p] lie a cache line further apart than their size: at strides of a multiple of 1 or 2
    // KB, the 16 values of a tile would share a few sets of the L1 cache and evict each other.
    const vStep = <usize>(cIn * n + SKEW) * F;
    const mStep = <usize>(cOut * n + SKEW) * F;
    // Tile t sits at rows 2 (t / tilesW), columns 2 (t % tilesW): counted along, not divided per tile.
    for (let c = 0; c < cIn; c++) {
      let tx = t0 % tilesW;
      let ty = t0 / tilesW;
      for (let k = 0; k < n; k++) {
        const dst = v + <usize>(c * n + k) * F;
        if (k + 1 < n && tx + 1 < tilesW && ty * 2 + 3 < ph && tx * 2 + 5 < pw) {
          // This tile and the next, side by side and whole: one in each SIMD lane.
          inputPair(padded + <usize>((c * ph + ty * 2) * pw + tx * 2) * F, <usize>pw * F, dst, vStep);
          k++;
          tx += 2;
        } else {
          inputTile(padded, c, ph, pw, ty * 2, tx * 2, dst, vStep);
          tx++;
        }
        if (tx === tilesW) {
          tx = 0;
          ty++;
        }
      }
    }
    for (let p = 0; p < 16; p++) {
      product(u + <usize>(p * cOut * cIn) * F, v + <usize>p * vStep, m + <usize>p * mStep, cOut, cIn, n);
    }
    for (let o = 0; o < cOut; o++) {
      const b: f64 = bias === 0 ? 0 : load<f64>(bias + <usize>o * F);
      let tx = t0 % tilesW;
      let ty = t0 / tilesW;
      let k = 0;
      for (; k + 2 <= n; k += 2) {
        const y0 = ty * 2;
        const x0 = tx * 2;
        if (++tx === tilesW) {
          tx = 0;
          ty++;
        }
        outputPair(m + <usize>(o * n + k) * F, mStep, b, bias !== 0, out, o, oh, ow, y0, x0, ty * 2, tx * 2);
        if (++tx === tilesW) {
          tx = 0;
          ty++;
        }
      }
      if (k < n) outputTile(m + <usize>(o * n + k) * F, mStep, b, bias !== 0, out, o, oh, ow, ty * 2, tx * 2);
    }
  }
}

/**
 * U[p][o][c] (p = 4 r + q) = (G g G^T)[r][q] for each 3 x 3 filter g = W[o, c] (C_out x C_in x 3 x 3 at
 * `filters`), G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1].
 */
export function winogradFilters(filters: usize, cOut: i32, cIn: i32, u: usize): void {
  const pairs = cOut * cIn;
  const step = <usize>pairs * F;
  // One column j of t = G g at a time: t0j = g0j, t1j = (g0j + g1j + g2j)/2, t2j = (g0j - g1j + g2j)/2,
  // t3j = g2j. Then each row r of t, [a, b, c], becomes row r of U: [a, (a + b + c)/2, (a - b + c)/2, c].
  // Row by row over all pairs, so that the stores run along 4 positions' blocks at a time: all 16 of a
  // pair's values lie a multiple of `step` apart, often 4 KB, and would share one set of the L1 cache.
  for (let r = 0; r < 4; r++) {
    const row = u + <usize>(4 * r) * step;
    for (let k = 0; k < pairs; k++) {
      const g = filters + <usize>(k * 9) * F;
      let a: f64, b: f64, c: f64;
      if (r === 0) {
        a = load<f64>(g);
        b = load<f64>(g, 8);
        c = load<f64>(g, 16);
      } else if (r === 3) {
        a = load<f64>(g, 48);
        b = load<f64>(g, 56);
        c = load<f64>(g, 64);
      } else {
        const s: f64 = r === 1 ? 1 : -1;
        a = (load<f64>(g) + s * load<f64>(g, 24) + load<f64>(g, 48)) * 0.5;
        b = (load<f64>(g, 8) + s * load<f64>(g, 32) + load<f64>(g, 56)) * 0.5;
        c = (load<f64>(g, 16) + s * load<f64>(g, 40) + load<f64>(g, 64)) * 0.5;
      }
      const dst = row + <usize>k * F;
      store<f64>(dst, a);
      store<f64>(dst + step, (a + b + c) * 0.5);
      store<f64>(dst + 2 * step, (a - b + c) * 0.5);
      store<f64>(dst + 3 * step, c);
    }
  }
}

/** Cell (r, q) of channel c, or 0 beyond the padded map (the last tile of an odd size reads one over). */
export function cell(padded: usize, c: i32, ph: i32, pw: i32, r: i32, q: i32): f64 {
  return r < ph && q < pw ? load<f64>(padded + <usize>((c * ph + r) * pw + q) * F) : 0;
}

/** V = B^T d B for the 4 x 4 tile at (y, x); V[p] goes to dst + p * step. */
function inputTile(padded: usize, c: i32, ph: i32, pw: i32, y: i32, x: i32, dst: usize, step: usize): void {
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
  const e30 = d10 - d30,
    e31 = d11 - d31,
    e32 = d12 - d32,
    e33 = d13 - d33;
  // V = e B, by rows.
  store<f64>(dst, e00 - e02);
  store<f64>(dst + step, e01 + e02);
  store<f64>(dst + 2 * step, e02 - e01);
  store<f64>(dst + 3 * step, e01 - e03);
  store<f64>(dst + 4 * step, e10 - e12);
  store<f64>(dst + 5 * step, e11 + e12);
  store<f64>(dst + 6 * step, e12 - e11);
  store<f64>(dst + 7 * step, e11 - e13);
  store<f64>(dst + 8 * step, e20 - e22);
  store<f64>(dst + 9 * step, e21 + e22);
  store<f64>(dst + 10 * step, e22 - e21);
  store<f64>(dst + 11 * step, e21 - e23);
  store<f64>(dst + 12 * step, e30 - e32);
  store<f64>(dst + 13 * step, e31 + e32);
  store<f64>(dst + 14 * step, e32 - e31);
  store<f64>(dst + 15 * step, e31 - e33);
}

/**
 * inputTile for the tiles at `at` = &P[c, y, x] and two columns further, in the two lanes: their V
 * values lie side by side. The same sums in the same order as inputTile.
 */
function inputPair(at: usize, rowBytes: usize, dst: usize, step: usize): void {
  // Lane 0 reads columns x .. x+3, lane 1 columns x+2 .. x+5.
  let a = v128.load(at),
    b = v128.load(at, 16),
    c = v128.load(at, 32);
  const d00 = v128.shuffle<f64>(a, b, 0, 2),
    d01 = v128.shuffle<f64>(a, b, 1, 3),
    d02 = v128.shuffle<f64>(b, c, 0, 2),
    d03 = v128.shuffle<f64>(b, c, 1, 3);
  let r = at + rowBytes;
  a = v128.load(r);
  b = v128.load(r, 16);
  c = v128.load(r, 32);
  const d10 = v128.shuffle<f64>(a, b, 0, 2),
    d11 = v128.shuffle<f64>(a, b, 1, 3),
    d12 = v128.shuffle<f64>(b, c, 0, 2),
    d13 = v128.shuffle<f64>(b, c, 1, 3);
  r += rowBytes;
  a = v128.load(r);
  b = v128.load(r, 16);
  c = v128.load(r, 32);
  const d20 = v128.shuffle<f64>(a, b, 0, 2),
    d21 = v128.shuffle<f64>(a, b, 1, 3),
    d22 = v128.shuffle<f64>(b, c, 0, 2),
    d23 = v128.shuffle<f64>(b, c, 1, 3);
  r += rowBytes;
  a = v128.load(r);
  b = v128.load(r, 16);
  c = v128.load(r, 32);
  const d30 = v128.shuffle<f64>(a, b, 0, 2),
    d31 = v128.shuffle<f64>(a, b, 1, 3),
    d32 = v128.shuffle<f64>(b, c, 0, 2),
    d33 = v128.shuffle<f64>(b, c, 1, 3);
  // e = B^T d, by columns.
  const e00 = f64x2.sub(d00, d20),
    e01 = f64x2.sub(d01, d21),
    e02 = f64x2.sub(d02, d22),
    e03 = f64x2.sub(d03, d23);
  const e10 = f64x2.add(d10, d20),
    e11 = f64x2.add(d11, d21),
    e12 = f64x2.add(d12, d22),
    e13 = f64x2.add(d13, d23);
  const e20 = f64x2.sub(d20, d10),
    e21 = f64x2.sub(d21, d11),
    e22 = f64x2.sub(d22, d12),
    e23 = f64x2.sub(d23, d13);
  const e30 = f64x2.sub(d10, d30),
    e31 = f64x2.sub(d11, d31),
    e32 = f64x2.sub(d12, d32),
    e33 = f64x2.sub(d13, d33);
  // V = e B, by rows.
  v128.store(dst, f64x2.sub(e00, e02));
  v128.store(dst + step, f64x2.add(e01, e02));
  v128.store(dst + 2 * step, f64x2.sub(e02, e01));
  v128.store(dst + 3 * step, f64x2.sub(e01, e03));
  v128.store(dst + 4 * step, f64x2.sub(e10, e12));
  v128.store(dst + 5 * step, f64x2.add(e11, e12));
  v128.store(dst + 6 * step, f64x2.sub(e12, e11));
  v128.store(dst + 7 * step, f64x2.sub(e11, e13));
  v128.store(dst + 8 * step, f64x2.sub(e20, e22));
  v128.store(dst + 9 * step, f64x2.add(e21, e22));
  v128.store(dst + 10 * step, f64x2.sub(e22, e21));
  v128.store(dst + 11 * step, f64x2.sub(e21, e23));
  v128.store(dst + 12 * step, f64x2.sub(e30, e32));
  v128.store(dst + 13 * step, f64x2.add(e31, e32));
  v128.store(dst + 14 * step, f64x2.sub(e32, e31));
  v128.store(dst + 15 * step, f64x2.sub(e31, e33));
}

/** outputTile for two consecutive tiles at once, one in each SIMD lane (their M values lie side by side). */
function outputPair(
  src: usize,
  step: usize,
  b: f64,
  withBias: bool,
  out: usize,
  o: i32,
  oh: i32,
  ow: i32,
  y0: i32,
  x0: i32,
  y1: i32,
  x1: i32,
): void {
  const m00 = v128.load(src),
    m01 = v128.load(src + step),
    m02 = v128.load(src + 2 * step),
    m03 = v128.load(src + 3 * step);
  const m10 = v128.load(src + 4 * step),
    m11 = v128.load(src + 5 * step),
    m12 = v128.load(src + 6 * step),
    m13 = v128.load(src + 7 * step);
  const m20 = v128.load(src + 8 * step),
    m21 = v128.load(src + 9 * step),
    m22 = v128.load(src + 10 * step),
    m23 = v128.load(src + 11 * step);
  const m30 = v128.load(src + 12 * step),
    m31 = v128.load(src + 13 * step),
    m32 = v128.load(src + 14 * step),
    m33 = v128.load(src + 15 * step);
  const s00 = f64x2.add(f64x2.add(m00, m10), m20),
    s01 = f64x2.add(f64x2.add(m01, m11), m21);
  const s02 = f64x2.add(f64x2.add(m02, m12), m22),
    s03 = f64x2.add(f64x2.add(m03, m13), m23);
  const s10 = f64x2.sub(f64x2.sub(m10, m20), m30),
    s11 = f64x2.sub(f64x2.sub(m11, m21), m31);
  const s12 = f64x2.sub(f64x2.sub(m12, m22), m32),
    s13 = f64x2.sub(f64x2.sub(m13, m23), m33);
  let y00 = f64x2.add(f64x2.add(s00, s01), s02),
    y01 = f64x2.sub(f64x2.sub(s01, s02), s03);
  let y10 = f64x2.add(f64x2.add(s10, s11), s12),
    y11 = f64x2.sub(f64x2.sub(s11, s12), s13);
  if (withBias) {
    const bv = f64x2.splat(b);
    y00 = f64x2.add(y00, bv);
    y01 = f64x2.add(y01, bv);
    y10 = f64x2.add(y10, bv);
    y11 = f64x2.add(y11, bv);
  }
  if (y1 === y0 && y0 + 1 < oh && x1 + 1 < ow) {
    // Side by side and whole: each output row is the lanes' [y00, y01] then [y00, y01] of the next tile.
    const row = out + <usize>((o * oh + y0) * ow + x0) * F;
    const below = row + <usize>ow * F;
    v128.store(row, v128.shuffle<f64>(y00, y01, 0, 2));
    v128.store(row, v128.shuffle<f64>(y00, y01, 1, 3), 16);
    v128.store(below, v128.shuffle<f64>(y10, y11, 0, 2));
    v128.store(below, v128.shuffle<f64>(y10, y11, 1, 3), 16);
    return;
  }
  storeTile(
    out,
    o,
    oh,
    ow,
    y0,
    x0,
    f64x2.extract_lane(y00, 0),
    f64x2.extract_lane(y01, 0),
    f64x2.extract_lane(y10, 0),
    f64x2.extract_lane(y11, 0),
  );
  storeTile(
    out,
    o,
    oh,
    ow,
    y1,
    x1,
    f64x2.extract_lane(y00, 1),
    f64x2.extract_lane(y01, 1),
    f64x2.extract_lane(y10, 1),
    f64x2.extract_lane(y11, 1),
  );
}

/** A 2 x 2 output tile at (y, x) of feature map o; cells past OH x OW dropped. */
function storeTile(
  out: usize,
  o: i32,
  oh: i32,
  ow: i32,
  y: i32,
  x: i32,
  y00: f64,
  y01: f64,
  y10: f64,
  y11: f64,
): void {
  const row = out + <usize>((o * oh + y) * ow + x) * F;
  const right = x + 1 < ow;
  store<f64>(row, y00);
  if (right) store<f64>(row, y01, 8);
  if (y + 1 < oh) {
    store<f64>(row + <usize>ow * F, y10);
    if (right) store<f64>(row + <usize>ow * F, y11, 8);
  }
}

/** Y = A^T M A (+ bias) for one filter and tile, M[p] read from src + p * step; cells past OH x OW dropped. */
function outputTile(
  src: usize,
  step: usize,
  b: f64,
  withBias: bool,
  out: usize,
  o: i32,
  oh: i32,
  ow: i32,
  y: i32,
  x: i32,
): void {
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
  // s = A^T M, by columns, then Y = s A, by rows.
  const s00 = m00 + m10 + m20,
    s01 = m01 + m11 + m21,
    s02 = m02 + m12 + m22,
    s03 = m03 + m13 + m23;
  const s10 = m10 - m20 - m30,
    s11 = m11 - m21 - m31,
    s12 = m12 - m22 - m32,
    s13 = m13 - m23 - m33;
  let y00 = s00 + s01 + s02,
    y01 = s01 - s02 - s03,
    y10 = s10 + s11 + s12,
    y11 = s11 - s12 - s13;
  if (withBias) {
    y00 += b;
    y01 += b;
    y10 += b;
    y11 += b;
  }
  storeTile(out, o, oh, ow, y, x, y00, y01, y10, y11);
}
