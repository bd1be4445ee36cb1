/**
 * conv2d, as torch.nn.functional.conv2d on one example (no batch axis), groups = 1:
 *
 *   featureMap[o, y, x] = sum over c, i, j of filter[o, c, i, j] * padded[c, y*sH + i*dH, x*sW + j*dW]
 *                         + bias[o]
 *
 * where `padded` is F.pad(input, (padLeft, padRight, padTop, padBottom), mode): what nn.Conv2d does for a
 * non-zero padding_mode. This is cross-correlation, as PyTorch; with `flip` each filter is first rotated
 * 180 degrees (filter[o, c, KH-1-i, KW-1-j]), which is convolution as the textbooks define it.
 *
 * Shapes: input C_in x H x W, filter bank C_out x C_in x KH x KW, bias C_out, featureMap C_out x OH x OW.
 */
import { formatShape, reuseOrAllocate, zeros, type Tensor } from '../tensor';
import { assertLength, assertShape, shape3d, windowOutput } from './checks';
import type { PaddingMode, WindowGeometry } from './geometry';
import { assertPadding, paddedSource } from './padding';

interface Conv2dDims {
  readonly cIn: number;
  readonly h: number;
  readonly w: number;
  readonly cOut: number;
  readonly kh: number;
  readonly kw: number;
  readonly oh: number;
  readonly ow: number;
}

function conv2dDims(
  inputShape: readonly number[],
  weightShape: readonly number[],
  g: WindowGeometry,
  mode: PaddingMode,
): Conv2dDims {
  const [cIn, h, w] = shape3d(inputShape, 'conv2d input');
  const [cOut, wIn, kh, kw] = weightShape;
  if (weightShape.length !== 4 || cOut === undefined || kh === undefined || kw === undefined) {
    throw new RangeError(
      `conv2d filter bank must be C_out x C_in x KH x KW, got ${formatShape(weightShape)}`,
    );
  }
  if (wIn !== cIn) {
    throw new RangeError(`conv2d filters have ${wIn} input channels but the input has ${cIn}`);
  }
  if (kh !== g.kernelH || kw !== g.kernelW) {
    throw new RangeError(
      `conv2d filters are ${kh} x ${kw} but the geometry says ${g.kernelH} x ${g.kernelW}`,
    );
  }
  assertPadding(h, w, g, mode);
  const [oh, ow] = windowOutput(h, w, g, 'conv2d');
  return { cIn, h, w, cOut, kh, kw, oh, ow };
}

/**
 * Index maps shared by every (channel, filter) pair of one call: rowOf[y * KH + i] is the input row
 * that output row y reads at filter row i (-1 for a zero pad row); colOf[x * KW + j] likewise.
 */
function tapSources(d: Conv2dDims, g: WindowGeometry, mode: PaddingMode): [Int32Array, Int32Array] {
  const rowOf = new Int32Array(d.oh * d.kh);
  for (let y = 0; y < d.oh; y++) {
    for (let i = 0; i < d.kh; i++) {
      rowOf[y * d.kh + i] = paddedSource(y * g.strideH + i * g.dilationH, d.h, g.padTop, mode);
    }
  }
  const colOf = new Int32Array(d.ow * d.kw);
  for (let x = 0; x < d.ow; x++) {
    for (let j = 0; j < d.kw; j++) {
      colOf[x * d.kw + j] = paddedSource(x * g.strideW + j * g.dilationW, d.w, g.padLeft, mode);
    }
  }
  return [rowOf, colOf];
}

/** Flat index into the filter bank of the weight that window tap (i, j) multiplies. */
function weightIndex(d: Conv2dDims, flip: boolean, o: number, c: number, i: number, j: number): number {
  const ki = flip ? d.kh - 1 - i : i;
  const kj = flip ? d.kw - 1 - j : j;
  return ((o * d.cIn + c) * d.kh + ki) * d.kw + kj;
}

/** Forward: C_in x H x W -> C_out x OH x OW. Reuses `out` when it already has that shape. */
export function conv2dForward(
  input: Tensor,
  weight: Tensor,
  bias: Float64Array | null,
  g: WindowGeometry,
  mode: PaddingMode,
  flip: boolean,
  out?: Tensor,
): Tensor {
  const d = conv2dDims(input.shape, weight.shape, g, mode);
  if (bias !== null) assertLength(bias, d.cOut, 'conv2d bias');
  const { cIn, h, w, cOut, kh, kw, oh, ow } = d;
  const [rowOf, colOf] = tapSources(d, g, mode);
  const featureMap = reuseOrAllocate(out, [cOut, oh, ow]);
  const fm = featureMap.data;
  const src = input.data;
  const filters = weight.data;
  fm.fill(0);
  // Loop order (c, i, j) outside (y, x): each cell still sums its taps in the order c, i, j, as its
  // formula is written, and the inner loop runs along rows of memory.
  for (let o = 0; o < cOut; o++) {
    const outPlane = o * oh * ow;
    for (let c = 0; c < cIn; c++) {
      const inPlane = c * h * w;
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const wv = filters[weightIndex(d, flip, o, c, i, j)] ?? 0;
          for (let y = 0; y < oh; y++) {
            const r = rowOf[y * kh + i] ?? -1;
            if (r < 0) continue;
            const inRow = inPlane + r * w;
            const outRow = outPlane + y * ow;
            for (let x = 0; x < ow; x++) {
              const q = colOf[x * kw + j] ?? -1;
              if (q >= 0) fm[outRow + x] = (fm[outRow + x] ?? 0) + wv * (src[inRow + q] ?? 0);
            }
          }
        }
      }
    }
    if (bias !== null) {
      const b = bias[o] ?? 0;
      for (let k = outPlane; k < outPlane + oh * ow; k++) fm[k] = (fm[k] ?? 0) + b;
    }
  }
  return featureMap;
}

export interface Conv2dGradients {
  /** dL/dinput, C_in x H x W: the padded cells' gradients added back to the input cells they copy. */
  readonly gradInput: Tensor;
  /** dL/dfilter, C_out x C_in x KH x KW, in the stored (unflipped) layout. */
  readonly gradWeight: Tensor;
  /** dL/dbias, C_out: the sum of gradOutput over each feature map. */
  readonly gradBias: Float64Array;
}

/**
 * Backward, given dL/dfeatureMap (C_out x OH x OW):
 *   dL/dfilter[o, c, i, j] = sum over y, x of gradOutput[o, y, x] * padded[c, y*sH + i*dH, x*sW + j*dW]
 *   dL/dinput[c, r, q]     = sum over the taps that read input cell (r, q), directly or through a
 *                            padded copy, of gradOutput[o, y, x] * filter[o, c, i, j]
 * (with flip, tap (i, j) reads filter[o, c, KH-1-i, KW-1-j] and its gradient lands there).
 */
export function conv2dBackward(
  input: Tensor,
  weight: Tensor,
  g: WindowGeometry,
  mode: PaddingMode,
  flip: boolean,
  gradOutput: Tensor,
): Conv2dGradients {
  const d = conv2dDims(input.shape, weight.shape, g, mode);
  const { cIn, h, w, cOut, kh, kw, oh, ow } = d;
  assertShape(gradOutput, [cOut, oh, ow], 'conv2d gradOutput');
  const [rowOf, colOf] = tapSources(d, g, mode);
  const gradInput = zeros([cIn, h, w]);
  const gradWeight = zeros(weight.shape);
  const gradBias = new Float64Array(cOut);
  const src = input.data;
  const filters = weight.data;
  const go = gradOutput.data;
  const gi = gradInput.data;
  const gw = gradWeight.data;
  for (let o = 0; o < cOut; o++) {
    const outPlane = o * oh * ow;
    let sum = 0;
    for (let k = outPlane; k < outPlane + oh * ow; k++) sum += go[k] ?? 0;
    gradBias[o] = sum;
    for (let c = 0; c < cIn; c++) {
      const inPlane = c * h * w;
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const wi = weightIndex(d, flip, o, c, i, j);
          const wv = filters[wi] ?? 0;
          let acc = 0;
          for (let y = 0; y < oh; y++) {
            const r = rowOf[y * kh + i] ?? -1;
            if (r < 0) continue;
            const inRow = inPlane + r * w;
            const outRow = outPlane + y * ow;
            for (let x = 0; x < ow; x++) {
              const q = colOf[x * kw + j] ?? -1;
              if (q < 0) continue;
              const gv = go[outRow + x] ?? 0;
              acc += gv * (src[inRow + q] ?? 0);
              gi[inRow + q] = (gi[inRow + q] ?? 0) + gv * wv;
            }
          }
          gw[wi] = acc;
        }
      }
    }
  }
  return { gradInput, gradWeight, gradBias };
}

/** One term of a feature-map cell's sum: which filter weight multiplies which (padded) input cell. */
export interface Conv2dTap {
  /** Input channel c of the term. */
  readonly channel: number;
  /** Row and column of the weight within its KH x KW filter slice, as stored (flip already applied). */
  readonly kernelRow: number;
  readonly kernelCol: number;
  /** Flat index of that weight in the C_out x C_in x KH x KW filter bank's data. */
  readonly weightIndex: number;
  /** Row and column read in the padded grid, counted from its top-left corner. */
  readonly paddedRow: number;
  readonly paddedCol: number;
  /** The input cell that padded cell copies (index: flat into the C_in x H x W data), or null for a zero pad. */
  readonly source: { readonly row: number; readonly col: number; readonly index: number } | null;
}

/**
 * The terms of featureMap[o, y, x], in the order the forward adds them (c, then filter row, then filter
 * column; the bias comes last): what a formula bar shows and what precedents highlight. Allocates: for
 * the UI, not for recompute loops.
 */
export function conv2dTaps(
  inputShape: readonly number[],
  weightShape: readonly number[],
  g: WindowGeometry,
  mode: PaddingMode,
  flip: boolean,
  o: number,
  y: number,
  x: number,
): Conv2dTap[] {
  const d = conv2dDims(inputShape, weightShape, g, mode);
  if (!(o >= 0 && o < d.cOut && y >= 0 && y < d.oh && x >= 0 && x < d.ow)) {
    throw new RangeError(`conv2d has no output cell (${o}, ${y}, ${x}) in ${d.cOut} x ${d.oh} x ${d.ow}`);
  }
  const taps: Conv2dTap[] = [];
  for (let c = 0; c < d.cIn; c++) {
    for (let i = 0; i < d.kh; i++) {
      for (let j = 0; j < d.kw; j++) {
        const wi = weightIndex(d, flip, o, c, i, j);
        const paddedRow = y * g.strideH + i * g.dilationH;
        const paddedCol = x * g.strideW + j * g.dilationW;
        const row = paddedSource(paddedRow, d.h, g.padTop, mode);
        const col = paddedSource(paddedCol, d.w, g.padLeft, mode);
        taps.push({
          channel: c,
          kernelRow: flip ? d.kh - 1 - i : i,
          kernelCol: flip ? d.kw - 1 - j : j,
          weightIndex: wi,
          paddedRow,
          paddedCol,
          source: row < 0 || col < 0 ? null : { row, col, index: (c * d.h + row) * d.w + col },
        });
      }
    }
  }
  return taps;
}
