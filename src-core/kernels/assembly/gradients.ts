// The two gradients of the convolution: with respect to the filters, and (at strides above 1) with
// respect to the padded input. At stride 1 the input gradient is a forward convolution (forward.ts).
import { F, lanes, mac } from './common';

/**
 * dL/dW[o, c, i, j] = sum over y, x of G[o, y, x] * P[c, y*sh + i*dh, x*sw + j*dw]: a dot product of a
 * gradient plane with a shifted view of an input plane, for 4 filters at once (each input pair loaded
 * once serves 4 gradient planes).
 */
export function convFilterGrad(
  padded: usize,
  cIn: i32,
  ph: i32,
  pw: i32,
  grad: usize,
  cOut: i32,
  oh: i32,
  ow: i32,
  gradFilters: usize,
  kh: i32,
  kw: i32,
  sh: i32,
  sw: i32,
  dh: i32,
  dw: i32,
): void {
  const plane = <usize>(oh * ow) * F;
  const taps = cIn * kh * kw;
  const srcRow = <usize>(sh * pw) * F;
  let o = 0;
  while (o < cOut) {
    const block = cOut - o >= 4 ? 4 : 1;
    const g = grad + <usize>o * plane;
    for (let c = 0; c < cIn; c++) {
      for (let i = 0; i < kh; i++) {
        let j = 0;
        if (block === 4 && sw === 1) {
          for (; j + 2 <= kw; j += 2) {
            const src = padded + <usize>((c * ph + i * dh) * pw + j * dw) * F;
            const dst = gradFilters + <usize>(o * taps + (c * kh + i) * kw + j) * F;
            dot4j2(dst, <usize>taps * F, g, plane, src, srcRow, <usize>dw * F, oh, ow);
          }
        }
        for (; j < kw; j++) {
          const src = padded + <usize>((c * ph + i * dh) * pw + j * dw) * F;
          const dst = gradFilters + <usize>(o * taps + (c * kh + i) * kw + j) * F;
          if (block === 4) dot4(dst, <usize>taps * F, g, plane, src, srcRow, oh, ow, sw);
          else store<f64>(dst, dot1(g, src, srcRow, oh, ow, sw));
        }
      }
    }
    o += block;
  }
}

/**
 * Taps j and j+1 of 4 filters at once (stride 1 along rows): each gradient pair loaded serves both
 * taps and each input pair all 4 filters: 8 sums in registers, 6 loads per 8 multiply-adds.
 */
function dot4j2(
  dst: usize,
  dstStep: usize,
  g: usize,
  plane: usize,
  src: usize,
  srcRow: usize,
  colStep: usize,
  oh: i32,
  ow: i32,
): void {
  const zero = f64x2.splat(0);
  let a0 = zero,
    a1 = zero,
    a2 = zero,
    a3 = zero,
    b0 = zero,
    b1 = zero,
    b2 = zero,
    b3 = zero;
  const even = ow & ~1;
  let gp = g;
  let sp = src;
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < even; x += 2) {
      const xo = <usize>x * F;
      const p0 = v128.load(sp + xo);
      const p1 = v128.load(sp + xo + colStep);
      let gv = v128.load(gp + xo);
      a0 = mac(a0, gv, p0);
      b0 = mac(b0, gv, p1);
      gv = v128.load(gp + plane + xo);
      a1 = mac(a1, gv, p0);
      b1 = mac(b1, gv, p1);
      gv = v128.load(gp + 2 * plane + xo);
      a2 = mac(a2, gv, p0);
      b2 = mac(b2, gv, p1);
      gv = v128.load(gp + 3 * plane + xo);
      a3 = mac(a3, gv, p0);
      b3 = mac(b3, gv, p1);
    }
    gp += <usize>ow * F;
    sp += srcRow;
  }
  let ra0 = lanes(a0),
    ra1 = lanes(a1),
    ra2 = lanes(a2),
    ra3 = lanes(a3);
  let rb0 = lanes(b0),
    rb1 = lanes(b1),
    rb2 = lanes(b2),
    rb3 = lanes(b3);
  if (even < ow) {
    // The last column of an odd width, in a pass of its own so its sums do not crowd the registers above.
    gp = g + <usize>even * F;
    sp = src + <usize>even * F;
    for (let y = 0; y < oh; y++) {
      const p0 = load<f64>(sp);
      const p1 = load<f64>(sp + colStep);
      let gv = load<f64>(gp);
      ra0 += gv * p0;
      rb0 += gv * p1;
      gv = load<f64>(gp + plane);
      ra1 += gv * p0;
      rb1 += gv * p1;
      gv = load<f64>(gp + 2 * plane);
      ra2 += gv * p0;
      rb2 += gv * p1;
      gv = load<f64>(gp + 3 * plane);
      ra3 += gv * p0;
      rb3 += gv * p1;
      gp += <usize>ow * F;
      sp += srcRow;
    }
  }
  store<f64>(dst, ra0);
  store<f64>(dst + F, rb0);
  store<f64>(dst + dstStep, ra1);
  store<f64>(dst + dstStep + F, rb1);
  store<f64>(dst + 2 * dstStep, ra2);
  store<f64>(dst + 2 * dstStep + F, rb2);
  store<f64>(dst + 3 * dstStep, ra3);
  store<f64>(dst + 3 * dstStep + F, rb3);
}

function dot4(
  dst: usize,
  dstStep: usize,
  g: usize,
  plane: usize,
  src: usize,
  srcRow: usize,
  oh: i32,
  ow: i32,
  sw: i32,
): void {
  // Two accumulators per filter (even and odd column pairs): eight independent sums keep both SIMD
  // adders busy despite each add's latency.
  const zero = f64x2.splat(0);
  let a0 = zero,
    a1 = zero,
    a2 = zero,
    a3 = zero,
    b0 = zero,
    b1 = zero,
    b2 = zero,
    b3 = zero;
  let s0: f64 = 0,
    s1: f64 = 0,
    s2: f64 = 0,
    s3: f64 = 0;
  let gp = g;
  let sp = src;
  for (let y = 0; y < oh; y++) {
    let x = 0;
    if (sw === 1) {
      for (; x + 4 <= ow; x += 4) {
        const xo = <usize>x * F;
        const p0 = v128.load(sp + xo);
        const p1 = v128.load(sp + xo, 16);
        a0 = mac(a0, v128.load(gp + xo), p0);
        b0 = mac(b0, v128.load(gp + xo, 16), p1);
        a1 = mac(a1, v128.load(gp + plane + xo), p0);
        b1 = mac(b1, v128.load(gp + plane + xo, 16), p1);
        a2 = mac(a2, v128.load(gp + 2 * plane + xo), p0);
        b2 = mac(b2, v128.load(gp + 2 * plane + xo, 16), p1);
        a3 = mac(a3, v128.load(gp + 3 * plane + xo), p0);
        b3 = mac(b3, v128.load(gp + 3 * plane + xo, 16), p1);
      }
      for (; x + 2 <= ow; x += 2) {
        const xo = <usize>x * F;
        const p0 = v128.load(sp + xo);
        a0 = mac(a0, v128.load(gp + xo), p0);
        a1 = mac(a1, v128.load(gp + plane + xo), p0);
        a2 = mac(a2, v128.load(gp + 2 * plane + xo), p0);
        a3 = mac(a3, v128.load(gp + 3 * plane + xo), p0);
      }
    }
    for (; x < ow; x++) {
      const pv = load<f64>(sp + <usize>(x * sw) * F);
      const xo = <usize>x * F;
      s0 += load<f64>(gp + xo) * pv;
      s1 += load<f64>(gp + plane + xo) * pv;
      s2 += load<f64>(gp + 2 * plane + xo) * pv;
      s3 += load<f64>(gp + 3 * plane + xo) * pv;
    }
    gp += <usize>ow * F;
    sp += srcRow;
  }
  store<f64>(dst, lanes(f64x2.add(a0, b0)) + s0);
  store<f64>(dst + dstStep, lanes(f64x2.add(a1, b1)) + s1);
  store<f64>(dst + 2 * dstStep, lanes(f64x2.add(a2, b2)) + s2);
  store<f64>(dst + 3 * dstStep, lanes(f64x2.add(a3, b3)) + s3);
}

function dot1(g: usize, src: usize, srcRow: usize, oh: i32, ow: i32, sw: i32): f64 {
  let a0 = f64x2.splat(0);
  let a1 = f64x2.splat(0);
  let s0: f64 = 0;
  let gp = g;
  let sp = src;
  for (let y = 0; y < oh; y++) {
    let x = 0;
    if (sw === 1) {
      for (; x + 4 <= ow; x += 4) {
        const xo = <usize>x * F;
        a0 = mac(a0, v128.load(gp + xo), v128.load(sp + xo));
        a1 = mac(a1, v128.load(gp + xo, 16), v128.load(sp + xo, 16));
      }
      for (; x + 2 <= ow; x += 2) a0 = mac(a0, v128.load(gp + <usize>x * F), v128.load(sp + <usize>x * F));
    }
    for (; x < ow; x++) s0 += load<f64>(gp + <usize>x * F) * load<f64>(sp + <usize>(x * sw) * F);
    gp += <usize>ow * F;
    sp += srcRow;
  }
  return lanes(f64x2.add(a0, a1)) + s0;
}

/**
 * dL/dP for any stride, by scattering: dL/dP[c, y*sh + i*dh, x*sw + j*dw] += G[o, y, x] * W[o, c, i, j].
 * (At stride 1 the caller uses convForward on the zero-padded gradient instead, which is faster.)
 */
export function convInputGradScatter(
  grad: usize,
  cOut: i32,
  oh: i32,
  ow: i32,
  filters: usize,
  cIn: i32,
  kh: i32,
  kw: i32,
  gradPadded: usize,
  ph: i32,
  pw: i32,
  sh: i32,
  sw: i32,
  dh: i32,
  dw: i32,
): void {
  memory.fill(gradPadded, 0, <usize>(cIn * ph * pw) * F);
  let wp = filters;
  for (let o = 0; o < cOut; o++) {
    const g = grad + <usize>(o * oh * ow) * F;
    for (let c = 0; c < cIn; c++) {
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const wv = load<f64>(wp);
          wp += F;
          for (let y = 0; y < oh; y++) {
            const dst = gradPadded + <usize>((c * ph + y * sh + i * dh) * pw + j * dw) * F;
            const src = g + <usize>(y * ow) * F;
            for (let x = 0; x < ow; x++) {
              const d = dst + <usize>(x * sw) * F;
              store<f64>(d, load<f64>(d) + load<f64>(src + <usize>x * F) * wv);
            }
          }
        }
      }
    }
  }
}
