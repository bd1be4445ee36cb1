/**
 * Keeping weights when a shape changes: a filter bank that gains a filter keeps the ones it had, a
 * kernel that grows keeps its old values in the middle, a layer whose input gains channels keeps the
 * slices it had. New weights are small seeded numbers (the same change gives the same numbers), so
 * undo, redo and tests repeat exactly.
 */
import { sizeOf } from '../tensor';
import { seededWeights, seedOf } from './edit-layers';
import type { Conv2dLayer, DenseLayer, Layer, Shape3 } from './types';

type FilterShape = readonly [number, number, number, number];

/**
 * The filter bank reshaped to OUT x IN x KH x KW. Filter o, channel c keeps its old slice when both
 * existed, cropped or padded with zeros around its centre when the kernel changes; new filters and new
 * channel slices get seeded values at He scale, sqrt(2 / (IN * KH * KW)).
 */
export function resizeFilters(layer: Conv2dLayer, shape: FilterShape): Conv2dLayer {
  const [out, cin, kh, kw] = shape;
  const [oldOut, oldIn, oldKh, oldKw] = layer.weight.shape;
  const old = layer.weight.data ?? new Float64Array(sizeOf(layer.weight.shape));
  const fresh = seededWeights(sizeOf(shape), seedOf(layer.name, shape), Math.sqrt(2 / (cin * kh * kw)));
  const data = new Float64Array(sizeOf(shape));
  // A kernel that changes size keeps its centre where it was: offsets of the old slice inside the new.
  const dy = Math.floor((kh - oldKh) / 2);
  const dx = Math.floor((kw - oldKw) / 2);
  for (let o = 0; o < out; o++) {
    for (let c = 0; c < cin; c++) {
      const base = (o * cin + c) * kh * kw;
      const kept = o < oldOut && c < oldIn;
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const si = i - dy;
          const sj = j - dx;
          if (!kept) data[base + i * kw + j] = fresh[base + i * kw + j] ?? 0;
          else if (si >= 0 && si < oldKh && sj >= 0 && sj < oldKw) {
            data[base + i * kw + j] = old[((o * oldIn + c) * oldKh + si) * oldKw + sj] ?? 0;
          }
        }
      }
    }
  }
  const bias = resizeBias(layer.bias.data, out);
  return { ...layer, weight: { shape, data }, bias: { shape: [out], data: bias } };
}

/**
 * The dense weight reshaped to OUT x IN. Rows keep their values when IN is unchanged; when IN changes
 * the old weights mean nothing for the new inputs, so every row is drawn afresh (He scale).
 */
export function resizeDense(layer: DenseLayer, out: number, inFeatures: number): DenseLayer {
  const [oldOut, oldIn] = layer.weight.shape;
  const shape = [out, inFeatures] as const;
  const data = seededWeights(out * inFeatures, seedOf(layer.name, shape), Math.sqrt(2 / inFeatures), 3);
  if (oldIn === inFeatures && layer.weight.data !== null) {
    data.set(layer.weight.data.subarray(0, Math.min(out, oldOut) * inFeatures));
  }
  return {
    ...layer,
    weight: { shape, data },
    bias: { shape: [out], data: resizeBias(layer.bias.data, out) },
  };
}

function resizeBias(old: Float64Array | null, out: number): Float64Array {
  const bias = new Float64Array(out);
  if (old !== null) bias.set(old.subarray(0, Math.min(out, old.length)));
  return bias;
}

/**
 * A weighted layer fitted to the C x H x W now reaching it: a conv's IN follows the channels, a dense
 * layer's IN the flattened size. Returns the layer itself when it already fits.
 */
export function fitToInput(layer: Layer, input: Shape3): Layer {
  if (layer.type === 'conv2d') {
    const [out, cin, kh, kw] = layer.weight.shape;
    return cin === input[0] ? layer : resizeFilters(layer, [out, input[0], kh, kw]);
  }
  if (layer.type === 'dense') {
    const [out, inFeatures] = layer.weight.shape;
    const n = sizeOf(input);
    return inFeatures === n ? layer : resizeDense(layer, out, n);
  }
  return layer;
}
