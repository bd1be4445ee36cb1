/**
 * The parameters learning moves: the weight and the bias of every trainable conv2d and dense layer.
 * A layer with `"trainable": false` is left out whole (as a frozen PyTorch module is kept out of the
 * optimizer, so weight decay does not touch it either); a bias-free layer has no bias parameter, so its
 * bias stays at zero; frozen cells stay as they are.
 *
 * Learning works on a private copy of the workbook (`workingCopy`) whose weight arrays the optimizer
 * updates in place; `snapshot` gives an independent workbook of the current values.
 */
import type { Layer, Workbook } from '../sheet/types';
import type { FrozenMasks, ParameterKind } from './frozen';

export interface Parameter {
  /** Index of the layer in `workbook.layers`. */
  readonly layer: number;
  readonly kind: ParameterKind;
  /** Where the values sit in the file: `layers[0].weight.data` or `layers[0].bias`. */
  readonly path: string;
  /** The values, row-major, updated in place by the optimizer. */
  readonly values: Float64Array;
  /** 1 for each cell that never moves; null when none is frozen. */
  readonly frozen: Uint8Array | null;
}

type WeightedLayer = Extract<Layer, { type: 'conv2d' | 'dense' }>;

export function isWeighted(layer: Layer): layer is WeightedLayer {
  return layer.type === 'conv2d' || layer.type === 'dense';
}

/** The workbook with new arrays for its input, weights and biases (which must all hold values). */
export function workingCopy(workbook: Workbook): Workbook {
  const copy = (d: Float64Array | null, what: string): Float64Array => {
    if (d === null) throw new RangeError(`${what} has no values (a shape-only workbook cannot learn)`);
    return d.slice();
  };
  const layers = workbook.layers.map((layer, k): Layer => {
    if (layer.type === 'conv2d') {
      return {
        ...layer,
        weight: { shape: layer.weight.shape, data: copy(layer.weight.data, `layers[${k}].weight`) },
        bias: { shape: layer.bias.shape, data: copy(layer.bias.data, `layers[${k}].bias`) },
      };
    }
    if (layer.type === 'dense') {
      return {
        ...layer,
        weight: { shape: layer.weight.shape, data: copy(layer.weight.data, `layers[${k}].weight`) },
        bias: { shape: layer.bias.shape, data: copy(layer.bias.data, `layers[${k}].bias`) },
      };
    }
    return layer;
  });
  return {
    ...workbook,
    input: { shape: workbook.input.shape, data: copy(workbook.input.data, 'input') },
    layers,
  };
}

/** An independent copy of the workbook's current values (for the UI, a file, or an undo step). */
export const snapshot = workingCopy;

/** The trainable parameters of a working copy, in layer order, weight before bias. */
export function trainableParameters(working: Workbook, frozen: FrozenMasks): Parameter[] {
  const params: Parameter[] = [];
  working.layers.forEach((layer, k) => {
    if (!isWeighted(layer) || !layer.trainable) return;
    const masks = frozen.get(k);
    const anyOf = (m: Uint8Array | undefined): Uint8Array | null =>
      m !== undefined && m.some((f) => f !== 0) ? m : null;
    if (layer.weight.data !== null) {
      params.push({
        layer: k,
        kind: 'weight',
        path: `layers[${k}].weight.data`,
        values: layer.weight.data,
        frozen: anyOf(masks?.weight),
      });
    }
    if (layer.hasBias && layer.bias.data !== null) {
      params.push({
        layer: k,
        kind: 'bias',
        path: `layers[${k}].bias`,
        values: layer.bias.data,
        frozen: anyOf(masks?.bias),
      });
    }
  });
  return params;
}

/** A copy of every parameter's values, to come back to (the last good weights). */
export function saveValues(params: readonly Parameter[]): Float64Array[] {
  return params.map((p) => p.values.slice());
}

/** Puts saved values back (in place, so the working copy and its resolved pipeline see them). */
export function restoreValues(params: readonly Parameter[], saved: readonly Float64Array[]): void {
  params.forEach((p, i) => {
    const s = saved[i];
    if (s !== undefined) p.values.set(s);
  });
}

/** True when every value of every parameter is a finite number. */
export function allFinite(params: readonly Parameter[]): boolean {
  return params.every((p) => p.values.every(Number.isFinite));
}
