/**
 * Which cells feed which, across the whole sheet, as a spreadsheet's trace precedents and trace
 * dependents. A cell is named by a CellRef: `layer` -1 is the input, k is layer k's output, and
 * `index` is the flat row-major index into that C x H x W grid.
 *
 * Sets of cells are masks: one Uint8Array per grid, masks[0] for the input and masks[k + 1] for layer
 * k, with 1 where the cell belongs. The precedents of a deep cell, traced back to the input, are its
 * receptive field: for stacked 3x3 valid convolutions it grows 3x3, 5x5, 7x7.
 */
import { paddedSource } from '../ops/padding';
import { sizeOf } from '../tensor';
import type { ResolvedLayer, ResolvedWorkbook } from './shapes';

export interface CellRef {
  /** -1 for the input, k for the output of layer k. */
  readonly layer: number;
  /** Flat row-major index into that grid: (c * H + y) * W + x. */
  readonly index: number;
}

/** The cells of grid `layer` (-1: the input) as C x H x W. */
export function gridShape(resolved: ResolvedWorkbook, layer: number): readonly [number, number, number] {
  if (layer === -1) return resolved.inputShape;
  const r = resolved.layers[layer];
  if (r === undefined) throw new RangeError(`there is no layer ${layer}`);
  return r.outputShape;
}

/** One mask per grid, all empty: masks[0] the input, masks[k + 1] layer k. */
export function emptyMasks(resolved: ResolvedWorkbook): Uint8Array[] {
  return [
    new Uint8Array(sizeOf(resolved.inputShape)),
    ...resolved.layers.map((r) => new Uint8Array(sizeOf(r.outputShape))),
  ];
}

/**
 * Calls `visit` with the flat index of every cell of layer r's input that output cell `index` reads:
 * the real cells under a conv window (a reflect/replicate/circular pad reads the cell it copies; a
 * zero pad reads nothing), a pool window, a whole channel for global pools, everything for dense and
 * softmax, the same cell for element-wise layers.
 */
export function forEachPrecedent(r: ResolvedLayer, index: number, visit: (inputIndex: number) => void): void {
  const [c, h, w] = r.inputShape;
  const [, oh, ow] = r.outputShape;
  const ox = index % ow;
  const oy = Math.floor(index / ow) % oh;
  const oc = Math.floor(index / (ow * oh));
  switch (r.type) {
    case 'conv2d': {
      const g = r.geometry;
      for (let ch = 0; ch < c; ch++) {
        for (let i = 0; i < g.kernelH; i++) {
          const row = paddedSource(oy * g.strideH + i * g.dilationH, h, g.padTop, r.layer.paddingMode);
          if (row < 0) continue;
          for (let j = 0; j < g.kernelW; j++) {
            const col = paddedSource(ox * g.strideW + j * g.dilationW, w, g.padLeft, r.layer.paddingMode);
            if (col >= 0) visit((ch * h + row) * w + col);
          }
        }
      }
      return;
    }
    case 'maxpool2d':
    case 'avgpool2d': {
      const g = r.geometry;
      for (let i = 0; i < g.kernelH; i++) {
        const row = oy * g.strideH - g.padTop + i * g.dilationH;
        if (row < 0 || row >= h) continue;
        for (let j = 0; j < g.kernelW; j++) {
          const col = ox * g.strideW - g.padLeft + j * g.dilationW;
          if (col >= 0 && col < w) visit((oc * h + row) * w + col);
        }
      }
      return;
    }
    case 'globalavgpool':
    case 'globalmaxpool':
      for (let k = oc * h * w; k < (oc + 1) * h * w; k++) visit(k);
      return;
    case 'dense':
    case 'softmax':
      for (let k = 0; k < c * h * w; k++) visit(k);
      return;
    case 'relu':
    case 'leaky_relu':
    case 'sigmoid':
    case 'tanh':
    case 'dropout':
    case 'flatten':
      visit(index);
      return;
  }
}

/** The cells one grid back that `cell` reads (none for an input cell), in the order its formula adds them. */
export function precedentsOneBack(resolved: ResolvedWorkbook, cell: CellRef): CellRef[] {
  const r = resolved.layers[cell.layer];
  if (r === undefined) return [];
  const seen = new Set<number>();
  forEachPrecedent(r, cell.index, (k) => seen.add(k));
  return [...seen].map((index) => ({ layer: cell.layer - 1, index }));
}

/** Every cell `cell` depends on, back to the input: its receptive field, grid by grid. */
export function precedents(resolved: ResolvedWorkbook, cell: CellRef): Uint8Array[] {
  const masks = emptyMasks(resolved);
  const start = masks[cell.layer + 1];
  if (start === undefined) throw new RangeError(`there is no layer ${cell.layer}`);
  start[cell.index] = 1;
  for (let k = cell.layer; k >= 0; k--) {
    const r = resolved.layers[k];
    const here = masks[k + 1];
    const back = masks[k];
    if (r === undefined || here === undefined || back === undefined) break;
    for (let i = 0; i < here.length; i++) {
      if (here[i] === 1) forEachPrecedent(r, i, (j) => (back[j] = 1));
    }
  }
  return masks;
}

/** Every cell that depends on `cell`, forward to the last layer (the scores). */
export function dependents(resolved: ResolvedWorkbook, cell: CellRef): Uint8Array[] {
  const masks = emptyMasks(resolved);
  const start = masks[cell.layer + 1];
  if (start === undefined) throw new RangeError(`there is no layer ${cell.layer}`);
  start[cell.index] = 1;
  for (let k = cell.layer + 1; k < resolved.layers.length; k++) markReaders(resolved, k, masks);
  return masks;
}

/** Marks the cells of layer k that read any marked cell of its input grid. */
function markReaders(resolved: ResolvedWorkbook, k: number, masks: Uint8Array[]): void {
  const r = resolved.layers[k];
  const back = masks[k];
  const here = masks[k + 1];
  if (r === undefined || back === undefined || here === undefined) return;
  if (!back.includes(1)) return;
  for (let i = 0; i < here.length; i++) {
    let reads = false;
    forEachPrecedent(r, i, (j) => {
      if (back[j] === 1) reads = true;
    });
    if (reads) here[i] = 1;
  }
}

/**
 * What one weight of a conv or dense layer touches: the input cells it multiplies (in the layer's
 * input grid) and the output cells it contributes to (in the layer's output grid). For a conv weight
 * [o, c, i, j] that is every window position's tap (i, j) on channel c, into output channel o.
 */
export function weightReach(
  resolved: ResolvedWorkbook,
  layer: number,
  weightIndex: number,
): { inputs: Uint8Array; outputs: Uint8Array } {
  const r = resolved.layers[layer];
  if (r === undefined) throw new RangeError(`there is no layer ${layer}`);
  const inputs = new Uint8Array(sizeOf(r.inputShape));
  const outputs = new Uint8Array(sizeOf(r.outputShape));
  if (r.type === 'dense') {
    const inFeatures = inputs.length;
    outputs[Math.floor(weightIndex / inFeatures)] = 1;
    inputs[weightIndex % inFeatures] = 1;
  } else if (r.type === 'conv2d') {
    const [cIn, h, w] = r.inputShape;
    const [, oh, ow] = r.outputShape;
    const g = r.geometry;
    const j0 = weightIndex % g.kernelW;
    const i0 = Math.floor(weightIndex / g.kernelW) % g.kernelH;
    const c = Math.floor(weightIndex / (g.kernelW * g.kernelH)) % cIn;
    const o = Math.floor(weightIndex / (g.kernelW * g.kernelH * cIn));
    // A flipped filter's stored weight (i0, j0) is applied at tap (KH-1-i0, KW-1-j0).
    const i = r.layer.flip ? g.kernelH - 1 - i0 : i0;
    const j = r.layer.flip ? g.kernelW - 1 - j0 : j0;
    for (let y = 0; y < oh; y++) {
      const row = paddedSource(y * g.strideH + i * g.dilationH, h, g.padTop, r.layer.paddingMode);
      if (row < 0) continue;
      for (let x = 0; x < ow; x++) {
        const col = paddedSource(x * g.strideW + j * g.dilationW, w, g.padLeft, r.layer.paddingMode);
        if (col < 0) continue;
        inputs[(c * h + row) * w + col] = 1;
        outputs[(o * oh + y) * ow + x] = 1;
      }
    }
  }
  return { inputs, outputs };
}

/** The bounding box of a mask's marked cells on one channel: how a receptive field is described. */
export function markedBox(
  mask: Uint8Array,
  shape: readonly [number, number, number],
  channel: number,
): { top: number; left: number; rows: number; cols: number } | null {
  const [, h, w] = shape;
  let top = h;
  let left = w;
  let bottom = -1;
  let right = -1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (mask[(channel * h + y) * w + x] !== 1) continue;
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  return bottom < 0 ? null : { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}
