// The forward convolution on the padded input, in register tiles.
import { F, mac } from './common';

/**
 * featureMap[o, y, x] = sum over c, i, j of W[o, c, i, j] * P[c, y*sh + i*dh, x*sw + j*dw], + bias[o]
 * when `bias` is not 0. Tiles of 4 output channels x 4 columns keep 8 accumulators in registers (each
 * input pair loaded once serves 4 filters); the edges use narrower tiles.
 */
export function convForward(
  padded: usize,
  cIn: i32,
  ph: i32,
  pw: i32,
  filters: usize,
  cOut: i32,
  kh: i32,
  kw: i32,
  bias: usize,
  out: usize,
  oh: i32,
  ow: i32,
  sh: i32,
  sw: i32,
  dh: i32,
  dw: i32,
): void {
  const chan = <usize>(ph * pw) * F;
  const rowStep = <usize>(dh * pw) * F;
  const colStep = <usize>dw * F;
  const wo = <usize>(cIn * kh * kw) * F;
  const plane = <usize>(oh * ow) * F;
  let o = 0;
  while (o < cOut) {
    const block = cOut - o >= 4 ? 4 : 1;
    const w = filters + <usize>o * wo;
    const b: usize = bias === 0 ? 0 : bias + <usize>o * F;
    for (let y = 0; y < oh; y++) {
      const row = padded + <usize>(y * sh * pw) * F;
      const dst = out + <usize>o * plane + <usize>(y * ow) * F;
      let x = 0;
      if (sw === 1) {
        if (block === 4) {
          const tiles = ow >> 2;
          tiles4x4(dst, plane, row, chan, rowStep, colStep, w, wo, cIn, kh, kw, b, tiles);
          x = tiles << 2;
          for (; x + 2 <= ow; x += 2) {
            tile4x2(
              dst + <usize>x * F,
              plane,
              row + <usize>x * F,
              chan,
              rowStep,
              colStep,
              w,
              wo,
              cIn,
              kh,
              kw,
              b,
            );
          }
        } else {
          for (; x + 8 <= ow; x += 8) {
            tile1x8(dst + <usize>x * F, row + <usize>x * F, chan, rowStep, colStep, w, cIn, kh, kw, b);
          }
          for (; x + 4 <= ow; x += 4) {
            tile1x4(dst + <usize>x * F, row + <usize>x * F, chan, rowStep, colStep, w, cIn, kh, kw, b);
          }
          for (; x + 2 <= ow; x += 2) {
            tile1x2(dst + <usize>x * F, row + <usize>x * F, chan, rowStep, colStep, w, cIn, kh, kw, b);
          }
        }
      }
      for (; x < ow; x++) {
        for (let k = 0; k < block; k++) {
          const cell = cell1(
            row + <usize>(x * sw) * F,
            chan,
            rowStep,
            colStep,
            w + <usize>k * wo,
            cIn,
            kh,
            kw,
          );
          store<f64>(
            dst + <usize>k * plane + <usize>x * F,
            b === 0 ? cell : cell + load<f64>(b + <usize>k * F),
          );
        }
      }
    }
    o += block;
  }
}

/**
 * `tiles` register tiles of 4 filters x 4 columns side by side along an output row, from `row` =
 * &P[0, y*sh, 0] and `dst` = the row's first cell in filter o's map: one call per row (a call per tile
 * cost about 7 %), and the innermost loop runs on the filter pointer (no counter of its own: another 4 %).
 */
function tiles4x4(
  dst: usize,
  plane: usize,
  row: usize,
  chan: usize,
  rowStep: usize,
  colStep: usize,
  w: usize,
  wo: usize,
  cIn: i32,
  kh: i32,
  kw: i32,
  b: usize,
  tiles: i32,
): void {
  for (let t = 0; t < tiles; t++) {
    const zero = f64x2.splat(0);
    let a00 = zero,
      a01 = zero,
      a10 = zero,
      a11 = zero,
      a20 = zero,
      a21 = zero,
      a30 = zero,
      a31 = zero;
    let wp = w;
    const cEnd = row + <usize>cIn * chan;
    for (let cp = row; cp < cEnd; cp += chan) {
      const rEnd = cp + <usize>kh * rowStep;
      for (let rp = cp; rp < rEnd; rp += rowStep) {
        let xp = rp;
        const rowEnd = wp + <usize>kw * F;
        for (; wp < rowEnd; wp += F) {
          const x0 = v128.load(xp);
          const x1 = v128.load(xp, 16);
          let wv = v128.load64_splat(wp);
          a00 = mac(a00, wv, x0);
          a01 = mac(a01, wv, x1);
          wv = v128.load64_splat(wp + wo);
          a10 = mac(a10, wv, x0);
          a11 = mac(a11, wv, x1);
          wv = v128.load64_splat(wp + 2 * wo);
          a20 = mac(a20, wv, x0);
          a21 = mac(a21, wv, x1);
          wv = v128.load64_splat(wp + 3 * wo);
          a30 = mac(a30, wv, x0);
          a31 = mac(a31, wv, x1);
          xp += colStep;
        }
      }
    }
    if (b !== 0) {
      let bv = v128.load64_splat(b);
      a00 = f64x2.add(a00, bv);
      a01 = f64x2.add(a01, bv);
      bv = v128.load64_splat(b + F);
      a10 = f64x2.add(a10, bv);
      a11 = f64x2.add(a11, bv);
      bv = v128.load64_splat(b + 2 * F);
      a20 = f64x2.add(a20, bv);
      a21 = f64x2.add(a21, bv);
      bv = v128.load64_splat(b + 3 * F);
      a30 = f64x2.add(a30, bv);
      a31 = f64x2.add(a31, bv);
    }
    const d = dst + <usize>(t * 4) * F;
    v128.store(d, a00);
    v128.store(d, a01, 16);
    v128.store(d + plane, a10);
    v128.store(d + plane, a11, 16);
    v128.store(d + 2 * plane, a20);
    v128.store(d + 2 * plane, a21, 16);
    v128.store(d + 3 * plane, a30);
    v128.store(d + 3 * plane, a31, 16);
    row += 4 * F;
  }
}

function tile4x2(
  dst: usize,
  plane: usize,
  row: usize,
  chan: usize,
  rowStep: usize,
  colStep: usize,
  w: usize,
  wo: usize,
  cIn: i32,
  kh: i32,
  kw: i32,
  b: usize,
): void {
  const zero = f64x2.splat(0);
  let a0 = zero,
    a1 = zero,
    a2 = zero,
    a3 = zero;
  let wp = w;
  let cp = row;
  for (let c = 0; c < cIn; c++) {
    let rp = cp;
    for (let i = 0; i < kh; i++) {
      let xp = rp;
      for (let j = 0; j < kw; j++) {
        const x0 = v128.load(xp);
        a0 = mac(a0, v128.load64_splat(wp), x0);
        a1 = mac(a1, v128.load64_splat(wp + wo), x0);
        a2 = mac(a2, v128.load64_splat(wp + 2 * wo), x0);
        a3 = mac(a3, v128.load64_splat(wp + 3 * wo), x0);
        xp += colStep;
        wp += F;
      }
      rp += rowStep;
    }
    cp += chan;
  }
  if (b !== 0) {
    a0 = f64x2.add(a0, v128.load64_splat(b));
    a1 = f64x2.add(a1, v128.load64_splat(b + F));
    a2 = f64x2.add(a2, v128.load64_splat(b + 2 * F));
    a3 = f64x2.add(a3, v128.load64_splat(b + 3 * F));
  }
  v128.store(dst, a0);
  v128.store(dst + plane, a1);
  v128.store(dst + 2 * plane, a2);
  v128.store(dst + 3 * plane, a3);
}

function tile1x8(
  dst: usize,
  row: usize,
  chan: usize,
  rowStep: usize,
  colStep: usize,
  w: usize,
  cIn: i32,
  kh: i32,
  kw: i32,
  b: usize,
): void {
  const zero = f64x2.splat(0);
  let a0 = zero,
    a1 = zero,
    a2 = zero,
    a3 = zero;
  let wp = w;
  let cp = row;
  for (let c = 0; c < cIn; c++) {
    let rp = cp;
    for (let i = 0; i < kh; i++) {
      let xp = rp;
      for (let j = 0; j < kw; j++) {
        const wv = v128.load64_splat(wp);
        a0 = mac(a0, wv, v128.load(xp));
        a1 = mac(a1, wv, v128.load(xp, 16));
        a2 = mac(a2, wv, v128.load(xp, 32));
        a3 = mac(a3, wv, v128.load(xp, 48));
        xp += colStep;
        wp += F;
      }
      rp += rowStep;
    }
    cp += chan;
  }
  if (b !== 0) {
    const bv = v128.load64_splat(b);
    a0 = f64x2.add(a0, bv);
    a1 = f64x2.add(a1, bv);
    a2 = f64x2.add(a2, bv);
    a3 = f64x2.add(a3, bv);
  }
  v128.store(dst, a0);
  v128.store(dst, a1, 16);
  v128.store(dst, a2, 32);
  v128.store(dst, a3, 48);
}

function tile1x4(
  dst: usize,
  row: usize,
  chan: usize,
  rowStep: usize,
  colStep: usize,
  w: usize,
  cIn: i32,
  kh: i32,
  kw: i32,
  b: usize,
): void {
  const zero = f64x2.splat(0);
  let a0 = zero,
    a1 = zero;
  let wp = w;
  let cp = row;
  for (let c = 0; c < cIn; c++) {
    let rp = cp;
    for (let i = 0; i < kh; i++) {
      let xp = rp;
      for (let j = 0; j < kw; j++) {
        const wv = v128.load64_splat(wp);
        a0 = mac(a0, wv, v128.load(xp));
        a1 = mac(a1, wv, v128.load(xp, 16));
        xp += colStep;
        wp += F;
      }
      rp += rowStep;
    }
    cp += chan;
  }
  if (b !== 0) {
    const bv = v128.load64_splat(b);
    a0 = f64x2.add(a0, bv);
    a1 = f64x2.add(a1, bv);
  }
  v128.store(dst, a0);
  v128.store(dst, a1, 16);
}

function tile1x2(
  dst: usize,
  row: usize,
  chan: usize,
  rowStep: usize,
  colStep: usize,
  w: usize,
  cIn: i32,
  kh: i32,
  kw: i32,
  b: usize,
): void {
  let a0 = f64x2.splat(0);
  let wp = w;
  let cp = row;
  for (let c = 0; c < cIn; c++) {
    let rp = cp;
    for (let i = 0; i < kh; i++) {
      let xp = rp;
      for (let j = 0; j < kw; j++) {
        a0 = mac(a0, v128.load64_splat(wp), v128.load(xp));
        xp += colStep;
        wp += F;
      }
      rp += rowStep;
    }
    cp += chan;
  }
  if (b !== 0) a0 = f64x2.add(a0, v128.load64_splat(b));
  v128.store(dst, a0);
}

/** One feature-map cell without its bias: any stride, read from `row` = &P[0, y*sh, x*sw]. */
function cell1(
  row: usize,
  chan: usize,
  rowStep: usize,
  colStep: usize,
  w: usize,
  cIn: i32,
  kh: i32,
  kw: i32,
): f64 {
  let acc: f64 = 0;
  let wp = w;
  let cp = row;
  for (let c = 0; c < cIn; c++) {
    let rp = cp;
    for (let i = 0; i < kh; i++) {
      let xp = rp;
      for (let j = 0; j < kw; j++) {
        acc += load<f64>(wp) * load<f64>(xp);
        xp += colStep;
        wp += F;
      }
      rp += rowStep;
    }
    cp += chan;
  }
  return acc;
}
