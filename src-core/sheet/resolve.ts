/**
 * From the settings as the user wrote them to the explicit WindowGeometry the operations take: pairs
 * expanded, `"valid"` and `"same"` turned into rows/columns on each side, a pool's missing stride set to
 * its window size. None of this depends on the input size, so it holds for any map the layer receives.
 */
import { outputLength, type WindowGeometry } from '../ops/geometry';
import type { AvgPool2dLayer, Conv2dLayer, IntOrPair, MaxPool2dLayer, Pair, PaddingSetting } from './types';

/** [rows, columns] of a setting written once for both axes or as a pair. */
export function pairOf(v: IntOrPair): [number, number] {
  return typeof v === 'number' ? [v, v] : [v[0], v[1]];
}

/** Rows added above and below, columns added left and right. */
export interface Pads {
  readonly padTop: number;
  readonly padBottom: number;
  readonly padLeft: number;
  readonly padRight: number;
}

/**
 * Explicit padding of a conv. `"same"` as PyTorch: total = dilation * (kernel - 1) per axis, before =
 * floor(total / 2), after = total - before, so an even kernel's extra row goes below and its extra column
 * to the right. `"valid"` is no padding.
 */
export function resolvePadding(padding: PaddingSetting, kernel: Pair, dilation: Pair): Pads {
  if (padding === 'valid') return { padTop: 0, padBottom: 0, padLeft: 0, padRight: 0 };
  if (padding === 'same') {
    const totalH = dilation[0] * (kernel[0] - 1);
    const totalW = dilation[1] * (kernel[1] - 1);
    const top = Math.floor(totalH / 2);
    const left = Math.floor(totalW / 2);
    return { padTop: top, padBottom: totalH - top, padLeft: left, padRight: totalW - left };
  }
  const [ph, pw] = pairOf(padding);
  return { padTop: ph, padBottom: ph, padLeft: pw, padRight: pw };
}

/** Window geometry of a conv layer: the kernel is the filter bank's KH x KW. */
export function convGeometry(layer: Conv2dLayer): WindowGeometry {
  const kernel: Pair = [layer.weight.shape[2], layer.weight.shape[3]];
  const [strideH, strideW] = pairOf(layer.stride);
  const dilation = pairOf(layer.dilation);
  return {
    kernelH: kernel[0],
    kernelW: kernel[1],
    strideH,
    strideW,
    ...resolvePadding(layer.padding, kernel, dilation),
    dilationH: dilation[0],
    dilationW: dilation[1],
  };
}

/** Window geometry of a max or average pool: stride defaults to the window, as PyTorch's stride=None. */
export function poolGeometry(layer: MaxPool2dLayer | AvgPool2dLayer): WindowGeometry {
  const [kernelH, kernelW] = pairOf(layer.size);
  const [strideH, strideW] = pairOf(layer.stride ?? layer.size);
  const [ph, pw] = pairOf(layer.padding);
  const [dilationH, dilationW] = layer.type === 'maxpool2d' ? pairOf(layer.dilation) : [1, 1];
  return {
    kernelH,
    kernelW,
    strideH,
    strideW,
    padTop: ph,
    padBottom: ph,
    padLeft: pw,
    padRight: pw,
    dilationH,
    dilationW,
  };
}

/**
 * The output-size formula along one axis with its numbers filled in, for the UI to show:
 * out = floor((n + padBefore + padAfter - dilation * (kernel - 1) - 1) / stride) + 1.
 */
export interface OutputSizeFormula {
  /** Input rows (or columns) reaching the layer: n. */
  readonly n: number;
  readonly padBefore: number;
  readonly padAfter: number;
  readonly dilation: number;
  readonly kernel: number;
  readonly stride: number;
  /** The result; below 1 means the window does not fit. */
  readonly out: number;
  /** `floor((28 + 2*0 - 1*(3 - 1) - 1) / 1) + 1 = 26`; unequal padding is written `28 + 1 + 2`. */
  readonly text: string;
}

export type Axis = 'rows' | 'columns';

/** The formula for the rows (H) or the columns (W) of an H x W map. */
export function outputSizeFormula(g: WindowGeometry, axis: Axis, n: number): OutputSizeFormula {
  const rows = axis === 'rows';
  const padBefore = rows ? g.padTop : g.padLeft;
  const padAfter = rows ? g.padBottom : g.padRight;
  const dilation = rows ? g.dilationH : g.dilationW;
  const kernel = rows ? g.kernelH : g.kernelW;
  const stride = rows ? g.strideH : g.strideW;
  const out = outputLength(n, kernel, stride, padBefore, padAfter, dilation);
  const padText = padBefore === padAfter ? `2*${padBefore}` : `${padBefore} + ${padAfter}`;
  const text = `floor((${n} + ${padText} - ${dilation}*(${kernel} - 1) - 1) / ${stride}) + 1 = ${out}`;
  return { n, padBefore, padAfter, dilation, kernel, stride, out, text };
}
