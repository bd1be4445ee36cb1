/**
 * The cells to highlight for the selected cell, as a spreadsheet's trace precedents and dependents:
 * its receptive field back to the input (the cells one layer back drawn stronger), every cell it feeds
 * forward to the scores, and the filter and bias its formula uses. For a selected weight: every input
 * cell it multiplies and every output it adds to.
 */
import { sizeOf } from '../src-core/tensor';
import { dependents, precedents, precedentsOneBack, weightReach } from '../src-core/sheet/precedents';
import type { ResolvedWorkbook } from '../src-core/sheet/shapes';

/** 1: receptive field, 2: one layer back (or what a weight multiplies), 3: dependent (or what it feeds). */
export const RECEPTIVE = 1;
export const ONE_BACK = 2;
export const DEPENDENT = 3;

/** The selected cell, in the tensor it belongs to. */
export type SelectedCell =
  | { readonly kind: 'map'; readonly layer: number; readonly index: number }
  | { readonly kind: 'weight' | 'bias'; readonly layer: number; readonly index: number };

export interface SheetMarks {
  /** maps[0] the input, maps[k + 1] layer k's output; undefined where nothing is marked. */
  readonly maps: readonly (Uint8Array | undefined)[];
  /** Marks on a layer's weight data and bias data. */
  readonly weights: ReadonlyMap<number, Uint8Array>;
  readonly biases: ReadonlyMap<number, Uint8Array>;
}

export const NO_MARKS: SheetMarks = { maps: [], weights: new Map(), biases: new Map() };

export function marksFor(resolved: ResolvedWorkbook, selected: SelectedCell): SheetMarks {
  return selected.kind === 'map'
    ? cellMarks(resolved, selected.layer, selected.index)
    : parameterMarks(resolved, selected);
}

function cellMarks(resolved: ResolvedWorkbook, layer: number, index: number): SheetMarks {
  const cell = { layer, index };
  const back = precedents(resolved, cell);
  const forward = dependents(resolved, cell);
  const maps = back.map((mask, g) => {
    const out = new Uint8Array(mask.length);
    const fwd = forward[g];
    for (let i = 0; i < mask.length; i++) {
      if (mask[i] === 1) out[i] = RECEPTIVE;
      else if (fwd?.[i] === 1) out[i] = DEPENDENT;
    }
    return out;
  });
  const own = maps[layer + 1];
  if (own !== undefined) own[index] = 0;
  const oneBack = maps[layer];
  for (const p of precedentsOneBack(resolved, cell)) if (oneBack !== undefined) oneBack[p.index] = ONE_BACK;
  const weights = new Map<number, Uint8Array>();
  const biases = new Map<number, Uint8Array>();
  const r = resolved.layers[layer];
  if (r?.type === 'conv2d' || r?.type === 'dense') {
    const [, oh, ow] = r.outputShape;
    const o = r.type === 'conv2d' ? Math.floor(index / (oh * ow)) : index;
    const perFilter = sizeOf(r.layer.weight.shape) / r.layer.weight.shape[0];
    const w = new Uint8Array(sizeOf(r.layer.weight.shape));
    w.fill(ONE_BACK, o * perFilter, (o + 1) * perFilter);
    weights.set(layer, w);
    const b = new Uint8Array(r.layer.weight.shape[0]);
    b[o] = ONE_BACK;
    biases.set(layer, b);
  }
  return { maps: maps.map(emptyToUndefined), weights, biases };
}

function parameterMarks(resolved: ResolvedWorkbook, selected: SelectedCell): SheetMarks {
  const r = resolved.layers[selected.layer];
  const maps: (Uint8Array | undefined)[] = [];
  if (r === undefined) return NO_MARKS;
  if (selected.kind === 'weight') {
    const reach = weightReach(resolved, selected.layer, selected.index);
    maps[selected.layer] = emptyToUndefined(reach.inputs.map((v) => (v === 1 ? ONE_BACK : 0)));
    maps[selected.layer + 1] = emptyToUndefined(reach.outputs.map((v) => (v === 1 ? DEPENDENT : 0)));
  } else {
    const out = new Uint8Array(sizeOf(r.outputShape));
    const [, oh, ow] = r.outputShape;
    if (r.type === 'dense') out[selected.index] = DEPENDENT;
    else out.fill(DEPENDENT, selected.index * oh * ow, (selected.index + 1) * oh * ow);
    maps[selected.layer + 1] = out;
  }
  return { maps, weights: new Map(), biases: new Map() };
}

function emptyToUndefined(mask: Uint8Array): Uint8Array | undefined {
  return mask.some((v) => v !== 0) ? mask : undefined;
}
