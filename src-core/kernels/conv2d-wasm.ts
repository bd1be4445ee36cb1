/**
 * conv2d on the WebAssembly kernels: the same formulas as ops/conv2d-reference.ts, arranged for speed.
 *
 * 1. The input is padded first (F.pad with the layer's mode) into a C_in x PH x PW copy, so every tap
 *    reads a real cell and the kernels' loops have no branches; flip is applied to a copy of the filters.
 * 2. The kernels compute a "valid" convolution of that copy (any stride and dilation).
 * 3. Backward: dL/dfilter is a dot product of each gradient plane with shifted input planes. dL/dpadded
 *    at stride 1 is itself a valid convolution: of the gradient, zero-padded by (K-1)*d on each side,
 *    with each filter rotated 180 degrees and C_in/C_out swapped:
 *      dL/dP[c, r, q] = sum over o, i, j of G[o, r - i*dH, q - j*dW] * W[o, c, i, j]
 *    (other strides scatter). Finally each padded cell's gradient goes back to the input cell it copies.
 */
import type { Conv2dDims } from '../ops/conv2d-dims';
import type { PaddingMode, WindowGeometry } from '../ops/geometry';
import { paddedSourceMap, type Pads } from '../ops/padding';
import { tensor, type Tensor } from '../tensor';
import type { ValueScan } from '../value-scan';
import { allocScan, readScan } from './maps-wasm';
import type { Conv2dKernels } from './wasm-module';
import { planWinograd, winogradPays, type WinogradPlan } from './winograd';

/** Where one C x H x W stack lies in the kernels' memory, padded to C x PH x PW. */
interface PaddedStack {
  readonly c: number;
  readonly h: number;
  readonly w: number;
  readonly pads: Pads;
  readonly mode: PaddingMode;
  /** Byte offset of the padded copy. */
  readonly at: number;
}

function stack(
  k: Conv2dKernels,
  c: number,
  h: number,
  w: number,
  pads: Pads,
  mode: PaddingMode,
): PaddedStack {
  const at = k.alloc(c * (h + pads.padTop + pads.padBottom) * (w + pads.padLeft + pads.padRight));
  return { c, h, w, pads, mode, at };
}

/**
 * Writes F.pad(src, pads, mode) into the stack's padded copy. Zero padding copies the input in one block
 * to the end of the padded buffer, then the kernels move each row down to its place and fill the borders
 * around it (padZeros, in place): a large photo is copied at memory speed, with no second buffer and no
 * per-row work in JavaScript.
 */
function writePadded(k: Conv2dKernels, heap: Float64Array, s: PaddedStack, src: Float64Array): void {
  const { c, h, w, pads } = s;
  const pw = w + pads.padLeft + pads.padRight;
  const ph = h + pads.padTop + pads.padBottom;
  const at = s.at / 8;
  if (ph === h && pw === w) {
    heap.set(src, at);
  } else if (s.mode === 'zeros') {
    // Rows move towards the start: what padZeros has written up to any row (that row, the borders
    // before it and the rows before it) ends at or before where the next row of the input lies.
    const flat = at + c * ph * pw - c * h * w;
    heap.set(src, flat);
    k.exports.padZeros(flat * 8, c, h, w, s.at, pads.padTop, pads.padBottom, pads.padLeft, pads.padRight);
  } else {
    const rows = paddedSourceMap(h, pads.padTop, pads.padBottom, s.mode);
    const cols = paddedSourceMap(w, pads.padLeft, pads.padRight, s.mode);
    let to = at;
    for (let ch = 0; ch < c; ch++) {
      for (const r of rows) {
        const from = (ch * h + r) * w;
        for (const q of cols) heap[to++] = src[from + q] ?? 0;
      }
    }
  }
}

/** The input's gradient from the padded copy's: each padded cell's gradient added to the cell it copies. */
function foldPadded(heap: Float64Array, s: PaddedStack): Tensor {
  const { c, h, w, pads } = s;
  const pw = w + pads.padLeft + pads.padRight;
  const ph = h + pads.padTop + pads.padBottom;
  const at = s.at / 8;
  const shape = [c, h, w];
  if (ph === h && pw === w) return tensor(shape, heap.slice(at, at + c * h * w));
  const gi = new Float64Array(c * h * w);
  if (s.mode === 'zeros') {
    for (let ch = 0; ch < c; ch++) {
      for (let r = 0; r < h; r++) {
        const from = at + (ch * ph + r + pads.padTop) * pw + pads.padLeft;
        gi.set(heap.subarray(from, from + w), (ch * h + r) * w);
      }
    }
    return tensor(shape, gi);
  }
  const rows = paddedSourceMap(h, pads.padTop, pads.padBottom, s.mode);
  const cols = paddedSourceMap(w, pads.padLeft, pads.padRight, s.mode);
  let from = at;
  for (let ch = 0; ch < c; ch++) {
    for (const r of rows) {
      const to = (ch * h + r) * w;
      for (const q of cols) gi[to + q] = (gi[to + q] ?? 0) + (heap[from++] ?? 0);
    }
  }
  return tensor(shape, gi);
}

/**
 * Writes the filters as the taps read them: W[o, c, i, j] = weight[o, c, i, j], or with flip
 * weight[o, c, KH-1-i, KW-1-j]. With `transpose`, as the input gradient's convolution reads them:
 * Wt[c, o, i, j] = W[o, c, KH-1-i, KW-1-j].
 */
function writeFilters(
  heap: Float64Array,
  at: number,
  weight: Float64Array,
  d: Conv2dDims,
  flip: boolean,
  transpose: boolean,
): void {
  const { cIn, cOut } = d;
  const taps = d.kh * d.kw;
  if (!flip && !transpose) {
    heap.set(weight, at / 8);
    return;
  }
  const rotate = flip !== transpose;
  for (let o = 0; o < cOut; o++) {
    for (let c = 0; c < cIn; c++) {
      const from = (o * cIn + c) * taps;
      const to = at / 8 + (transpose ? c * cOut + o : o * cIn + c) * taps;
      for (let t = 0; t < taps; t++) heap[to + t] = weight[from + (rotate ? taps - 1 - t : t)] ?? 0;
    }
  }
}

/** One valid convolution in the kernels' memory (byte offsets); `bias` 0 for none. */
interface Convolution {
  readonly padded: number;
  readonly cIn: number;
  readonly ph: number;
  readonly pw: number;
  readonly filters: number;
  readonly cOut: number;
  readonly kh: number;
  readonly kw: number;
  readonly bias: number;
  readonly out: number;
  readonly oh: number;
  readonly ow: number;
  readonly g: Pick<WindowGeometry, 'strideH' | 'strideW' | 'dilationH' | 'dilationW'>;
}

/** A Winograd plan when that kernel pays off for `c` (see winograd.ts), else null. */
function planFor(
  k: Conv2dKernels,
  c: Omit<Convolution, 'padded' | 'filters' | 'bias' | 'out'>,
): WinogradPlan | null {
  const { strideH: sh, strideW: sw, dilationH: dh, dilationW: dw } = c.g;
  const fits = winogradPays(c.cIn, c.cOut, c.kh, c.kw, sh === 1 && sw === 1, dh === 1 && dw === 1);
  return fits ? planWinograd(k, c.cIn, c.cOut, c.oh, c.ow) : null;
}

function convolve(k: Conv2dKernels, c: Convolution, plan: WinogradPlan | null): void {
  const x = k.exports;
  if (plan !== null) {
    const { filters, inputs, outputs, chunk } = plan;
    const { padded, cIn, ph, pw, cOut, bias, out, oh, ow } = c;
    x.winogradFilters(c.filters, cOut, cIn, filters);
    x.convWinograd(padded, cIn, ph, pw, filters, cOut, bias, out, oh, ow, inputs, outputs, chunk);
    return;
  }
  const { strideH: sh, strideW: sw, dilationH: dh, dilationW: dw } = c.g;
  x.convForward(
    c.padded,
    c.cIn,
    c.ph,
    c.pw,
    c.filters,
    c.cOut,
    c.kh,
    c.kw,
    c.bias,
    c.out,
    c.oh,
    c.ow,
    sh,
    sw,
    dh,
    dw,
  );
}

/**
 * featureMap (C_out x OH x OW, written into `fm`) = conv2d(input, weight) + bias; `scan` receives its
 * scan. False when the kernels' memory cannot hold the call (nothing written then).
 */
export function conv2dForwardWasm(
  k: Conv2dKernels,
  input: Tensor,
  weight: Tensor,
  bias: Float64Array | null,
  d: Conv2dDims,
  g: WindowGeometry,
  mode: PaddingMode,
  flip: boolean,
  fm: Float64Array,
  scan?: ValueScan,
): boolean {
  const { cIn, h, w, cOut, kh, kw, oh, ow } = d;
  const [ph, pw] = [h + g.padTop + g.padBottom, w + g.padLeft + g.padRight];
  k.reset();
  const padded = stack(k, cIn, h, w, g, mode);
  const filters = k.alloc(weight.data.length);
  const biasAt = bias === null ? 0 : k.alloc(cOut);
  const out = k.alloc(cOut * oh * ow);
  const result = allocScan(k, scan);
  const shape = { cIn, ph, pw, cOut, kh, kw, oh, ow, g };
  const plan = planFor(k, shape);
  const heap = k.heap();
  if (heap === null) return false;
  writePadded(k, heap, padded, input.data);
  writeFilters(heap, filters, weight.data, d, flip, false);
  if (bias !== null) heap.set(bias, biasAt / 8);
  convolve(k, { ...shape, padded: padded.at, filters, bias: biasAt, out }, plan);
  fm.set(heap.subarray(out / 8, out / 8 + cOut * oh * ow));
  if (result !== 0) k.exports.scanValues(out, cOut * oh * ow, result);
  readScan(heap, result, scan);
  k.finish();
  return true;
}

export interface WasmGradients {
  /** dL/dinput, or null when it was not asked for. */
  readonly gradInput: Tensor | null;
  readonly gradWeight: Tensor;
  readonly gradBias: Float64Array;
}

/**
 * dL/dfilter, dL/dbias and (when `wantInput`) dL/dinput from dL/dfeatureMap (C_out x OH x OW). A
 * network's first layer needs no dL/dinput, which saves a third of the work. Null when the kernels'
 * memory cannot hold the call.
 */
export function conv2dBackwardWasm(
  k: Conv2dKernels,
  input: Tensor,
  weight: Tensor,
  d: Conv2dDims,
  g: WindowGeometry,
  mode: PaddingMode,
  flip: boolean,
  gradOutput: Tensor,
  wantInput: boolean,
): WasmGradients | null {
  const { cIn, h, w, cOut, kh, kw, oh, ow } = d;
  const { strideH: sh, strideW: sw, dilationH: dh, dilationW: dw } = g;
  const [ph, pw] = [h + g.padTop + g.padBottom, w + g.padLeft + g.padRight];
  const unitStride = sh === 1 && sw === 1;
  // The stride-1 input gradient reads the gradient zero-padded by (K-1)*d rows/columns on each side.
  const [fh, fw] = [(kh - 1) * dh, (kw - 1) * dw];
  const wide = { padTop: fh, padBottom: fh, padLeft: fw, padRight: fw };
  k.reset();
  const padded = stack(k, cIn, h, w, g, mode);
  const filters = k.alloc(weight.data.length);
  const gradAt = k.alloc(cOut * oh * ow);
  const grad = unitStride && wantInput ? stack(k, cOut, oh, ow, wide, 'zeros') : null;
  const gradFilters = k.alloc(weight.data.length);
  const gradBias = k.alloc(cOut);
  const gradPadded = wantInput ? stack(k, cIn, h, w, g, mode) : null;
  // At stride 1, dL/dP is the valid convolution of the widened gradient with the filters transposed.
  const transposed = { cIn: cOut, ph: oh + 2 * fh, pw: ow + 2 * fw, cOut: cIn, kh, kw, oh: ph, ow: pw, g };
  const plan = grad !== null ? planFor(k, transposed) : null;
  const gradPlan = planFor(k, { cIn, ph, pw, cOut, kh, kw, oh, ow, g });
  const heap = k.heap();
  if (heap === null) return null;
  writePadded(k, heap, padded, input.data);
  writeFilters(heap, filters, weight.data, d, flip, false);
  heap.set(gradOutput.data, gradAt / 8);
  const x = k.exports;
  if (gradPlan === null) {
    x.convFilterGrad(padded.at, cIn, ph, pw, gradAt, cOut, oh, ow, gradFilters, kh, kw, sh, sw, dh, dw);
  } else {
    const { filters: sums, inputs, outputs, chunk } = gradPlan;
    x.filterGradWinograd(
      padded.at,
      cIn,
      ph,
      pw,
      gradAt,
      cOut,
      oh,
      ow,
      gradFilters,
      inputs,
      outputs,
      sums,
      chunk,
    );
  }
  x.planeSums(gradAt, cOut, oh * ow, gradBias);
  if (gradPadded !== null) {
    if (grad !== null) {
      x.padZeros(gradAt, cOut, oh, ow, grad.at, fh, fh, fw, fw);
      // The forward's filter buffer is free once the filter gradient is done: it takes Wt.
      writeFilters(heap, filters, weight.data, d, flip, true);
      convolve(k, { ...transposed, padded: grad.at, filters, bias: 0, out: gradPadded.at }, plan);
    } else {
      x.convInputGradScatter(
        gradAt,
        cOut,
        oh,
        ow,
        filters,
        cIn,
        kh,
        kw,
        gradPadded.at,
        ph,
        pw,
        sh,
        sw,
        dh,
        dw,
      );
    }
  }
  const result = {
    gradInput: gradPadded === null ? null : foldPadded(heap, gradPadded),
    gradWeight: readFilterGrad(heap, gradFilters, weight.shape, d, flip),
    gradBias: heap.slice(gradBias / 8, gradBias / 8 + cOut),
  };
  k.finish();
  return result;
}

/** dL/dfilter in the stored layout: with flip, the gradient of tap (i, j) belongs to (KH-1-i, KW-1-j). */
function readFilterGrad(
  heap: Float64Array,
  at: number,
  shape: readonly number[],
  d: Conv2dDims,
  flip: boolean,
): Tensor {
  const n = d.cOut * d.cIn * d.kh * d.kw;
  const values = heap.slice(at / 8, at / 8 + n);
  if (flip) {
    const taps = d.kh * d.kw;
    for (let s = 0; s < n; s += taps) values.subarray(s, s + taps).reverse();
  }
  return tensor(shape, values);
}
