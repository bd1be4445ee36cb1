/**
 * Pooling over each channel of a C x H x W feature map stack, as F.max_pool2d and F.avg_pool2d
 * (floor output size, ceil_mode=False): C x H x W -> C x OH x OW.
 *
 * Window (y, x) covers padded rows y*sH - padTop + i*dH (i = 0..KH-1) and the columns likewise. Max
 * pooling treats padding as -Infinity and average pooling as zeros, so neither reads a pad value: only
 * the window's cells that fall inside the input take part (and, for average pooling, the divisor).
 *
 * PyTorch refuses padding above half the kernel on either axis (poolPaddingError); with asymmetric pads
 * the same rule holds for each side.
 *
 * Max pooling without padding runs on a WebAssembly kernel where the engine has them
 * (kernels/maps-wasm.ts), with the same values and winners; the loop below is the reference.
 */
import { activeConv2dKernels } from '../kernels/engine';
import { maxPool2dForwardWasm } from '../kernels/maps-wasm';
import { reuseOrAllocate, zeros, type Tensor } from '../tensor';
import { scanned, type ValueScan } from '../value-scan';
import { assertShape, shape3d, windowOutput } from './checks';
import type { WindowGeometry } from './geometry';

/** Why PyTorch would refuse this pooling window, or null: each pad must be at most half its kernel side. */
export function poolPaddingError(g: WindowGeometry): string | null {
  const limitH = Math.floor(g.kernelH / 2);
  const limitW = Math.floor(g.kernelW / 2);
  if (g.padTop > limitH || g.padBottom > limitH) {
    return `pooling padding must be at most half the window: ${g.padTop}, ${g.padBottom} rows for a window ${g.kernelH} high`;
  }
  if (g.padLeft > limitW || g.padRight > limitW) {
    return `pooling padding must be at most half the window: ${g.padLeft}, ${g.padRight} columns for a window ${g.kernelW} wide`;
  }
  return null;
}

function poolDims(inputShape: readonly number[], g: WindowGeometry, what: string): number[] {
  const [c, h, w] = shape3d(inputShape, `${what} input`);
  const problem = poolPaddingError(g);
  if (problem !== null) throw new RangeError(`${what}: ${problem}`);
  const [oh, ow] = windowOutput(h, w, g, what);
  return [c, h, w, oh, ow];
}

/**
 * The input cells of pooling window (y, x) of an H x W map, row-major: the order in which max pooling
 * compares them (the first maximum wins) and average pooling adds them. Pad cells are left out.
 */
export function poolWindowCells(
  h: number,
  w: number,
  g: WindowGeometry,
  y: number,
  x: number,
): { row: number; col: number }[] {
  const cells: { row: number; col: number }[] = [];
  for (let i = 0; i < g.kernelH; i++) {
    const row = y * g.strideH - g.padTop + i * g.dilationH;
    if (row < 0 || row >= h) continue;
    for (let j = 0; j < g.kernelW; j++) {
      const col = x * g.strideW - g.padLeft + j * g.dilationW;
      if (col >= 0 && col < w) cells.push({ row, col });
    }
  }
  return cells;
}

/**
 * Max pooling: featureMap[c, y, x] = max over its window; it also writes, when `argmax` is given (one entry
 * per output value), the flat index into input.data of the cell that won: the first maximum in
 * row-major order within the window, as F.max_pool2d (PyTorch's own return_indices count within a
 * channel: subtract c * H * W). A window lying wholly in padding gives -Infinity and argmax -1.
 * When `scan` is given, it receives the output's scan (value-scan.ts).
 */
export function maxPool2dForward(
  input: Tensor,
  g: WindowGeometry,
  out?: Tensor,
  argmax?: Int32Array,
  scan?: ValueScan,
): Tensor {
  const [c = 0, h = 0, w = 0, oh = 0, ow = 0] = poolDims(input.shape, g, 'maxpool2d');
  const result = reuseOrAllocate(out, [c, oh, ow]);
  if (argmax !== undefined && argmax.length !== c * oh * ow) {
    throw new RangeError(`maxpool2d argmax must hold ${c * oh * ow} indices, got ${argmax.length}`);
  }
  const kernels = activeConv2dKernels();
  const unpadded = g.padTop === 0 && g.padBottom === 0 && g.padLeft === 0 && g.padRight === 0;
  if (
    kernels !== null &&
    unpadded &&
    maxPool2dForwardWasm(kernels, input.data, { c, h, w, oh, ow }, g, result.data, argmax, scan)
  ) {
    return result;
  }
  const src = input.data;
  const dst = result.data;
  let k = 0;
  for (let ch = 0; ch < c; ch++) {
    const plane = ch * h * w;
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++, k++) {
        let best = -Infinity;
        let bestIndex = -1;
        for (let i = 0; i < g.kernelH; i++) {
          const row = y * g.strideH - g.padTop + i * g.dilationH;
          if (row < 0 || row >= h) continue;
          for (let j = 0; j < g.kernelW; j++) {
            const col = x * g.strideW - g.padLeft + j * g.dilationW;
            if (col < 0 || col >= w) continue;
            const index = plane + row * w + col;
            const v = src[index] ?? 0;
            // Strictly greater keeps the first maximum; NaN wins and propagates, as PyTorch.
            if (bestIndex < 0 || v > best || Number.isNaN(v)) {
              best = v;
              bestIndex = index;
            }
          }
        }
        dst[k] = best;
        if (argmax !== undefined) argmax[k] = bestIndex;
      }
    }
  }
  return scanned(result, scan);
}

/** The argmax maxPool2dForward records, on its own: for the UI, or for a backward without a saved one. */
export function maxPool2dArgmax(input: Tensor, g: WindowGeometry): Int32Array {
  const [c = 0, , , oh = 0, ow = 0] = poolDims(input.shape, g, 'maxpool2d');
  const argmax = new Int32Array(c * oh * ow);
  maxPool2dForward(input, g, undefined, argmax);
  return argmax;
}

/**
 * dL/dinput of max pooling: each output's gradient goes to the one cell that won its window (added up
 * where windows overlap and share a winner). Pass the forward's `argmax` to skip recomputing it.
 */
export function maxPool2dBackward(
  input: Tensor,
  g: WindowGeometry,
  gradOutput: Tensor,
  argmax?: Int32Array,
): Tensor {
  const [c = 0, , , oh = 0, ow = 0] = poolDims(input.shape, g, 'maxpool2d');
  assertShape(gradOutput, [c, oh, ow], 'maxpool2d gradOutput');
  const winners = argmax ?? maxPool2dArgmax(input, g);
  if (winners.length !== c * oh * ow) {
    throw new RangeError(`maxpool2d argmax must hold ${c * oh * ow} indices, got ${winners.length}`);
  }
  const gradInput = zeros(input.shape);
  const gi = gradInput.data;
  const go = gradOutput.data;
  for (let k = 0; k < winners.length; k++) {
    const index = winners[k] ?? -1;
    if (index >= 0) gi[index] = (gi[index] ?? 0) + (go[k] ?? 0);
  }
  return gradInput;
}

/**
 * The divisor of average pooling window (y, x), as PyTorch's avg_pool2d computes it:
 *   rows: start = y*sH - padTop, end = min(start + KH, H + padBottom); columns likewise;
 *   countIncludePad true:  (end - start) per axis, multiplied: the window clipped to the padded map;
 *   countIncludePad false: the same after clipping to the input 0..H, 0..W: real cells only.
 * With the floor output size a window never overhangs the padded map, so with countIncludePad the
 * divisor is KH * KW; the clip matters only for PyTorch's ceil_mode.
 */
export function avgPool2dDivisor(
  h: number,
  w: number,
  g: WindowGeometry,
  countIncludePad: boolean,
  y: number,
  x: number,
): number {
  let rowStart = y * g.strideH - g.padTop;
  let rowEnd = Math.min(rowStart + g.kernelH, h + g.padBottom);
  let colStart = x * g.strideW - g.padLeft;
  let colEnd = Math.min(colStart + g.kernelW, w + g.padRight);
  if (countIncludePad) return (rowEnd - rowStart) * (colEnd - colStart);
  rowStart = Math.max(rowStart, 0);
  colStart = Math.max(colStart, 0);
  rowEnd = Math.min(rowEnd, h);
  colEnd = Math.min(colEnd, w);
  return (rowEnd - rowStart) * (colEnd - colStart);
}

function avgDims(inputShape: readonly number[], g: WindowGeometry): number[] {
  if (g.dilationH !== 1 || g.dilationW !== 1) {
    throw new RangeError(`avgpool2d has no dilation (F.avg_pool2d): got ${g.dilationH}, ${g.dilationW}`);
  }
  return poolDims(inputShape, g, 'avgpool2d');
}

/**
 * Average pooling: featureMap[c, y, x] = (sum of the window's input cells) / avgPool2dDivisor.
 * `countIncludePad` defaults to true, as PyTorch: zero pad cells count in the divisor.
 */
export function avgPool2dForward(
  input: Tensor,
  g: WindowGeometry,
  countIncludePad = true,
  out?: Tensor,
): Tensor {
  const [c = 0, h = 0, w = 0, oh = 0, ow = 0] = avgDims(input.shape, g);
  const result = reuseOrAllocate(out, [c, oh, ow]);
  const src = input.data;
  const dst = result.data;
  let k = 0;
  for (let ch = 0; ch < c; ch++) {
    const plane = ch * h * w;
    for (let y = 0; y < oh; y++) {
      const rowStart = Math.max(y * g.strideH - g.padTop, 0);
      const rowEnd = Math.min(y * g.strideH - g.padTop + g.kernelH, h);
      for (let x = 0; x < ow; x++, k++) {
        const colStart = Math.max(x * g.strideW - g.padLeft, 0);
        const colEnd = Math.min(x * g.strideW - g.padLeft + g.kernelW, w);
        let sum = 0;
        for (let row = rowStart; row < rowEnd; row++) {
          for (let col = colStart; col < colEnd; col++) sum += src[plane + row * w + col] ?? 0;
        }
        dst[k] = sum / avgPool2dDivisor(h, w, g, countIncludePad, y, x);
      }
    }
  }
  return result;
}

/** dL/dinput of average pooling: each window's gradient / its divisor, added to each of its input cells. */
export function avgPool2dBackward(
  input: Tensor,
  g: WindowGeometry,
  gradOutput: Tensor,
  countIncludePad = true,
): Tensor {
  const [c = 0, h = 0, w = 0, oh = 0, ow = 0] = avgDims(input.shape, g);
  assertShape(gradOutput, [c, oh, ow], 'avgpool2d gradOutput');
  const gradInput = zeros(input.shape);
  const gi = gradInput.data;
  const go = gradOutput.data;
  let k = 0;
  for (let ch = 0; ch < c; ch++) {
    const plane = ch * h * w;
    for (let y = 0; y < oh; y++) {
      const rowStart = Math.max(y * g.strideH - g.padTop, 0);
      const rowEnd = Math.min(y * g.strideH - g.padTop + g.kernelH, h);
      for (let x = 0; x < ow; x++, k++) {
        const colStart = Math.max(x * g.strideW - g.padLeft, 0);
        const colEnd = Math.min(x * g.strideW - g.padLeft + g.kernelW, w);
        const share = (go[k] ?? 0) / avgPool2dDivisor(h, w, g, countIncludePad, y, x);
        for (let row = rowStart; row < rowEnd; row++) {
          for (let col = colStart; col < colEnd; col++) {
            const index = plane + row * w + col;
            gi[index] = (gi[index] ?? 0) + share;
          }
        }
      }
    }
  }
  return gradInput;
}
