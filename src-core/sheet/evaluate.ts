/**
 * Evaluation of a whole workbook: the output of every layer for the workbook's input. Buffers are kept
 * between evaluations, and an edit recomputes only from the first layer it touches: an edit to the
 * input recomputes everything, an edit to layer k's weights recomputes layers k, k+1, ... and leaves
 * the outputs before k as they are.
 */
import {
  activationForward,
  avgPool2dForward,
  conv2dForward,
  denseForward,
  dropoutForward,
  flattenForward,
  globalAvgPoolForward,
  globalMaxPoolForward,
  maxPool2dForward,
  softmaxForward,
} from '../ops';
import { reuseOrAllocate, sizeOf, type Tensor } from '../tensor';
import type { ResolvedLayer, ResolvedWorkbook } from './shapes';
import type { TensorOrShape } from './types';

/** The outputs of every layer of one evaluation, with what the formulas and backward need besides. */
export interface Evaluation {
  /** The input as a tensor (C x H x W). */
  readonly input: Tensor;
  /** outputs[k] is layer k's output, shaped as `resolved.layers[k].outputShape`. */
  readonly outputs: Tensor[];
  /** For max-pool layers, the flat input index that won each output's window (-1: all padding). */
  readonly argmax: (Int32Array | undefined)[];
}

/** A tensor from a workbook's tensor-or-shape; the caller has checked the workbook holds data. */
export function valuesOf(t: TensorOrShape, what: string): Tensor {
  if (t.data === null)
    throw new RangeError(`${what} has no values (a shape-only workbook cannot be evaluated)`);
  return { shape: t.shape, data: t.data };
}

/**
 * Evaluates `resolved` from layer `from` on. With `previous` (an evaluation of the same pipeline whose
 * outputs before `from` are still right), its buffers are reused and layers before `from` are kept.
 */
export function evaluate(resolved: ResolvedWorkbook, previous?: Evaluation, from = 0): Evaluation {
  const input = valuesOf(resolved.workbook.input, 'the input');
  const outputs: Tensor[] = [];
  const argmax: (Int32Array | undefined)[] = [];
  const start = previous === undefined ? 0 : Math.max(0, Math.min(from, previous.outputs.length));
  let x = input;
  resolved.layers.forEach((r, k) => {
    const kept = previous?.outputs[k];
    if (k < start && kept !== undefined) {
      outputs.push(kept);
      argmax.push(previous?.argmax[k]);
    } else {
      const winners =
        r.type === 'maxpool2d' ? reuseIndices(previous?.argmax[k], sizeOf(r.outputShape)) : undefined;
      outputs.push(layerForward(r, x, kept, winners));
      argmax.push(winners);
    }
    x = outputs[k] ?? x;
  });
  return { input, outputs, argmax };
}

function reuseIndices(previous: Int32Array | undefined, n: number): Int32Array {
  return previous !== undefined && previous.length === n ? previous : new Int32Array(n);
}

/**
 * One layer's forward on its input `x` (shaped as r.inputShape), writing into `out` when it has the
 * right shape. Every output is reshaped to the layer's C x H x W, e.g. a softmax after a conv gives
 * N x 1 x 1 as the file format says.
 */
export function layerForward(r: ResolvedLayer, x: Tensor, out?: Tensor, argmax?: Int32Array): Tensor {
  const target = reuseOrAllocate(out, r.outputShape);
  switch (r.type) {
    case 'conv2d': {
      const l = r.layer;
      const bias = l.hasBias ? valuesOf(l.bias, `${r.label} bias`).data : null;
      return conv2dForward(
        x,
        valuesOf(l.weight, `${r.label} weight`),
        bias,
        r.geometry,
        l.paddingMode,
        l.flip,
        target,
      );
    }
    case 'dense': {
      const l = r.layer;
      const bias = l.hasBias ? valuesOf(l.bias, `${r.label} bias`).data : null;
      return denseForward(x, valuesOf(l.weight, `${r.label} weight`), bias, target);
    }
    case 'relu':
    case 'sigmoid':
    case 'tanh':
      return activationForward(r.type, x, undefined, target);
    case 'leaky_relu':
      return activationForward('leaky_relu', x, r.layer.slope, target);
    case 'maxpool2d':
      return maxPool2dForward(x, r.geometry, target, argmax);
    case 'avgpool2d':
      return avgPool2dForward(x, r.geometry, r.layer.countIncludePad, target);
    case 'globalavgpool':
      return globalAvgPoolForward(x, target);
    case 'globalmaxpool':
      return globalMaxPoolForward(x, target);
    case 'flatten':
      return flattenForward(x, target);
    case 'softmax':
      return softmaxForward(asShape(x, target.shape), target);
    case 'dropout':
      return dropoutForward(x, target);
  }
}

/** The same values under another shape of equal size (no copy). */
export function asShape(t: Tensor, shape: readonly number[]): Tensor {
  return { shape, data: t.data };
}
