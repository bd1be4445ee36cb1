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
import { conv2dBackwardWasm, conv2dForwardWasm } from '../kernels/conv2d-wasm';
import { activeConv2dKernels } from '../kernels/engine';
import { reuseOrAllocate, type Tensor } from '../tensor';
import { scanned, type ValueScan } from '../value-scan';
import { assertLength, assertShape } from './checks';
import { conv2dDims, weightIndex, type Conv2dGradients } from './conv2d-dims';
import { conv2dBackwardReference, conv2dForwardReference } from './conv2d-reference';
import type { PaddingMode, WindowGeometry } from './geometry';
import { paddedSource } from './padding';

export type { Conv2dGradients } from './conv2d-dims';
export { conv2dBackwardReference, conv2dForwardReference } from './conv2d-reference';
export { conv2dEngine, setConv2dEngine, type Conv2dEngine } from '../kernels/engine';
export { loadConv2dKernels } from '../kernels/wasm-module';

/**
 * Forward: C_in x H x W -> C_out x OH x OW. Reuses `out` when it already has that shape. Runs on the
 * WebAssembly kernels where available, on the reference loops elsewhere. The kernels' sums are the
 * reference's bit for bit, except on layers of 3 x 3 filters at stride 1 with 8 or more channels in and
 * out, which use Winograd's algorithm and agree to rounding (kernels/winograd.ts). When `scan` is given,
 * it receives the feature map's scan (value-scan.ts), made by the kernels while the map is in their memory.
 */
export function conv2dForward(
  input: Tensor,
  weight: Tensor,
  bias: Float64Array | null,
  g: WindowGeometry,
  mode: PaddingMode,
  flip: boolean,
  out?: Tensor,
  scan?: ValueScan,
): Tensor {
  const kernels = activeConv2dKernels();
  if (kernels === null) return scanned(conv2dForwardReference(input, weight, bias, g, mode, flip, out), scan);
  const d = conv2dDims(input.shape, weight.shape, g, mode);
  if (bias !== null) assertLength(bias, d.cOut, 'conv2d bias');
  const featureMap = reuseOrAllocate(out, [d.cOut, d.oh, d.ow]);
  if (conv2dForwardWasm(kernels, input, weight, bias, d, g, mode, flip, featureMap.data, scan)) {
    return featureMap;
  }
  return scanned(conv2dForwardReference(input, weight, bias, g, mode, flip, featureMap), scan);
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
  const kernels = activeConv2dKernels();
  if (kernels === null) return conv2dBackwardReference(input, weight, g, mode, flip, gradOutput);
  const d = conv2dDims(input.shape, weight.shape, g, mode);
  assertShape(gradOutput, [d.cOut, d.oh, d.ow], 'conv2d gradOutput');
  const grads = conv2dBackwardWasm(kernels, input, weight, d, g, mode, flip, gradOutput, true);
  const gradInput = grads?.gradInput;
  if (grads === null || gradInput === null || gradInput === undefined) {
    return conv2dBackwardReference(input, weight, g, mode, flip, gradOutput);
  }
  return { gradInput, gradWeight: grads.gradWeight, gradBias: grads.gradBias };
}

/**
 * dL/dfilter and dL/dbias alone: conv2dBackward without dL/dinput, which a network's first layer does
 * not need (PyTorch skips it too when the input does not require a gradient). A third less work.
 */
export function conv2dParameterGradients(
  input: Tensor,
  weight: Tensor,
  g: WindowGeometry,
  mode: PaddingMode,
  flip: boolean,
  gradOutput: Tensor,
): Omit<Conv2dGradients, 'gradInput'> {
  const kernels = activeConv2dKernels();
  if (kernels === null) {
    const { gradWeight, gradBias } = conv2dBackwardReference(input, weight, g, mode, flip, gradOutput);
    return { gradWeight, gradBias };
  }
  const d = conv2dDims(input.shape, weight.shape, g, mode);
  assertShape(gradOutput, [d.cOut, d.oh, d.ow], 'conv2d gradOutput');
  const { gradWeight, gradBias } =
    conv2dBackwardWasm(kernels, input, weight, d, g, mode, flip, gradOutput, false) ??
    conv2dBackwardReference(input, weight, g, mode, flip, gradOutput);
  return { gradWeight, gradBias };
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
