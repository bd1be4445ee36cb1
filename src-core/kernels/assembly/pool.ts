// Max pooling without padding (every window inside the map), two output cells per step (four for
// windows two columns wide at stride 2, the usual 2 x 2 pooling). A window's maximum is kept
// branch-free: a tap replaces the best so far where it is greater or NaN (a mask, then a bit select),
// which is the reference's rule: the first maximum wins, a NaN wins and propagates.
import { F } from './common';

const I: usize = 4;

/**
 * dst[ch, y, x] = max over i < kh, j < kw of src[ch, y*sh + i*dh, x*sw + j*dw] (src C x H x W, dst
 * C x OH x OW), and argmax[ch, y, x] (i32) = the flat index into src of the tap that won.
 */
export function maxPool(
  src: usize,
  c: i32,
  h: i32,
  w: i32,
  dst: usize,
  argmax: usize,
  oh: i32,
  ow: i32,
  kh: i32,
  kw: i32,
  sh: i32,
  sw: i32,
  dh: i32,
  dw: i32,
): void {
  // Lane 1 is the next output cell: sw further along the row.
  const step = i64x2.replace_lane(i64x2.splat(0), 1, <i64>sw);
  let k = 0;
  for (let ch = 0; ch < c; ch++) {
    const plane = ch * h * w;
    for (let y = 0; y < oh; y++) {
      const top = plane + y * sh * w;
      let x = 0;
      if (kw === 2 && sw === 2 && dw === 1) {
        for (; x + 4 <= ow; x += 4) {
          windows4(src, top + x * 2, w, kh, dh, dst + <usize>k * F, argmax + <usize>k * I);
          k += 4;
        }
      }
      for (; x + 2 <= ow; x += 2) {
        // Starting from the first tap, every tap (the first again, which changes nothing) is compared.
        let at = top + x * sw;
        let best = v128.load64_lane(src + <usize>(at + sw) * F, v128.load64_zero(src + <usize>at * F), 1);
        let index = i64x2.add(i64x2.splat(<i64>at), step);
        for (let i = 0; i < kh; i++) {
          const rowAt = top + i * dh * w + x * sw;
          for (let j = 0; j < kw; j++) {
            at = rowAt + j * dw;
            const v = v128.load64_lane(src + <usize>(at + sw) * F, v128.load64_zero(src + <usize>at * F), 1);
            const wins = v128.or(f64x2.gt(v, best), f64x2.ne(v, v));
            best = v128.bitselect(v, best, wins);
            index = v128.bitselect(i64x2.add(i64x2.splat(<i64>at), step), index, wins);
          }
        }
        v128.store(dst + <usize>k * F, best);
        store<i32>(argmax + <usize>k * I, <i32>i64x2.extract_lane(index, 0));
        store<i32>(argmax + <usize>(k + 1) * I, <i32>i64x2.extract_lane(index, 1));
        k += 2;
      }
      for (; x < ow; x++) {
        let at = top + x * sw;
        let best = load<f64>(src + <usize>at * F);
        let index = at;
        for (let i = 0; i < kh; i++) {
          const rowAt = top + i * dh * w + x * sw;
          for (let j = 0; j < kw; j++) {
            at = rowAt + j * dw;
            const v = load<f64>(src + <usize>at * F);
            if (v > best || v != v) {
              best = v;
              index = at;
            }
          }
        }
        store<f64>(dst + <usize>k * F, best);
        store<i32>(argmax + <usize>k * I, index);
        k++;
      }
    }
  }
}

/**
 * Four neighbouring windows two columns wide at stride 2 (the usual 2 x 2 pooling), whose first row
 * starts at flat index `at`: each row's eight cells are four vector loads, split into the windows' left
 * and right columns, compared in the reference's order (row by row, left then right). Two pairs of
 * windows side by side keep two independent chains of comparisons in flight.
 */
function windows4(src: usize, at: i32, w: i32, kh: i32, dh: i32, dst: usize, argmax: usize): void {
  const p = src + <usize>at * F;
  let best0 = v128.shuffle<f64>(v128.load(p), v128.load(p, 16), 0, 2);
  let best1 = v128.shuffle<f64>(v128.load(p, 32), v128.load(p, 48), 0, 2);
  let left0 = i64x2.replace_lane(i64x2.splat(<i64>at), 1, <i64>(at + 2));
  let left1 = i64x2.add(left0, i64x2.splat(4));
  let index0 = left0;
  let index1 = left1;
  const one = i64x2.splat(1);
  const rowStep = i64x2.splat(<i64>(dh * w));
  for (let i = 0; i < kh; i++) {
    const row = src + <usize>(at + i * dh * w) * F;
    const a0 = v128.load(row);
    const b0 = v128.load(row, 16);
    const a1 = v128.load(row, 32);
    const b1 = v128.load(row, 48);
    let v0 = v128.shuffle<f64>(a0, b0, 0, 2);
    let v1 = v128.shuffle<f64>(a1, b1, 0, 2);
    let wins0 = v128.or(f64x2.gt(v0, best0), f64x2.ne(v0, v0));
    let wins1 = v128.or(f64x2.gt(v1, best1), f64x2.ne(v1, v1));
    best0 = v128.bitselect(v0, best0, wins0);
    best1 = v128.bitselect(v1, best1, wins1);
    index0 = v128.bitselect(left0, index0, wins0);
    index1 = v128.bitselect(left1, index1, wins1);
    v0 = v128.shuffle<f64>(a0, b0, 1, 3);
    v1 = v128.shuffle<f64>(a1, b1, 1, 3);
    wins0 = v128.or(f64x2.gt(v0, best0), f64x2.ne(v0, v0));
    wins1 = v128.or(f64x2.gt(v1, best1), f64x2.ne(v1, v1));
    best0 = v128.bitselect(v0, best0, wins0);
    best1 = v128.bitselect(v1, best1, wins1);
    index0 = v128.bitselect(i64x2.add(left0, one), index0, wins0);
    index1 = v128.bitselect(i64x2.add(left1, one), index1, wins1);
    left0 = i64x2.add(left0, rowStep);
    left1 = i64x2.add(left1, rowStep);
  }
  v128.store(dst, best0);
  v128.store(dst, best1, 16);
  store<i32>(argmax, <i32>i64x2.extract_lane(index0, 0));
  store<i32>(argmax, <i32>i64x2.extract_lane(index0, 1), I);
  store<i32>(argmax, <i32>i64x2.extract_lane(index1, 0), 2 * I);
  store<i32>(argmax, <i32>i64x2.extract_lane(index1, 1), 3 * I);
}
