/**
 * Evaluation of a whole workbook: the output of every layer for the workbook's input. Buffers are kept
 * between evaluations, and an edit recomputes only from the first layer it touches: an edit to the
 * input recomputes everything, an edit to layer k's weights recomputes layers k, k+1, ... and leaves
 * the outputs before k as they are; an edit to some of a conv layer's filters recomputes only their
 * feature maps, and the same maps of the channel-wise layers after it (evaluate-channels.ts). Each
 * output is scanned as it is written (its largest finite |value| and its non-finite count,
 * value-scan.ts), so that the sheet's colour scales and overflow check need no pass of their own over
 * millions of values.
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
import { reuseOrAllocate, sameShape, sizeOf, type Tensor } from '../tensor';
import { emptyScan, scanned, scanValues, type ValueScan } from '../value-scan';
import {
  channelScans,
  combineScans,
  forwardChannels,
  sameChannelWise,
  splitFilters,
} from './evaluate-channels';
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
  /** scans[k]: what outputs[k] holds (largest finite |value|, non-finite count); `evaluate` fills it. */
  readonly scans?: readonly ValueScan[];
  /** The same of the input; `evaluate` fills it. */
  readonly inputScan?: ValueScan;
  /**
   * mapScans[k][c]: the scan of feature map c of outputs[k], for the layers whose maps were last
   * recomputed one at a time (undefined for the others), so that the maps left alone need no new scan.
   */
  readonly mapScans?: readonly (readonly ValueScan[] | undefined)[];
  /** The pipeline evaluated: the next evaluation compares its layers with it. */
  readonly resolved?: ResolvedWorkbook;
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
 * `filters` says that the change since `previous` was to those filters of layer `from`, a conv layer
 * (their weights or biases), and to nothing else: then only their feature maps are recomputed, and the
 * same maps of the channel-wise layers after it.
 */
export function evaluate(
  resolved: ResolvedWorkbook,
  previous?: Evaluation,
  from = 0,
  filters?: readonly number[],
): Evaluation {
  const input = valuesOf(resolved.workbook.input, 'the input');
  const outputs: Tensor[] = [];
  const argmax: (Int32Array | undefined)[] = [];
  const scans: ValueScan[] = [];
  const mapScans: (readonly ValueScan[] | undefined)[] = [];
  const start = previous === undefined ? 0 : Math.max(0, Math.min(from, previous.outputs.length));
  // The input is as it was when the change starts at a layer or is to filters only.
  const sameInput = start > 0 || (filters !== undefined && start === from);
  const inputScan = (sameInput ? previous?.inputScan : undefined) ?? scanValues(input.data);
  // The maps of the layer at hand that differ from the previous evaluation's; null: all of them.
  let changed: readonly number[] | null = null;
  let x = input;
  resolved.layers.forEach((r, k) => {
    const kept = previous?.outputs[k];
    const keptScan = previous?.scans?.[k];
    const keptWinners = previous?.argmax[k];
    if (k < start && kept !== undefined && keptScan !== undefined) {
      outputs.push(kept);
      argmax.push(keptWinners);
      scans.push(keptScan);
      mapScans.push(previous?.mapScans?.[k]);
    } else {
      const before = previous?.resolved?.layers[k];
      const buffers =
        kept !== undefined &&
        sameShape(kept.shape, r.outputShape) &&
        (r.type !== 'maxpool2d' || keptWinners?.length === kept.data.length);
      changed =
        before === undefined || !buffers
          ? null
          : k === start
            ? startChannels(before, r, k === from ? filters : undefined)
            : followChannels(before, r, changed);
      if (changed !== null && kept !== undefined) {
        const winners = r.type === 'maxpool2d' ? keptWinners : undefined;
        const fresh = forwardChannels(r, x, kept, winners, changed);
        const known: (ValueScan | undefined)[] = [...(previous?.mapScans?.[k] ?? [])];
        changed.forEach((c, i) => (known[c] = fresh[i]));
        const maps = channelScans(kept, known);
        outputs.push(kept);
        argmax.push(winners);
        scans.push(combineScans(maps));
        mapScans.push(maps);
      } else {
        const winners = r.type === 'maxpool2d' ? reuseIndices(keptWinners, sizeOf(r.outputShape)) : undefined;
        const scan = emptyScan();
        outputs.push(layerForward(r, x, kept, winners, scan));
        argmax.push(winners);
        scans.push(scan);
        mapScans.push(undefined);
      }
    }
    x = outputs[k] ?? x;
  });
  return { input, outputs, argmax, scans, inputScan, mapScans, resolved };
}

/** The maps to recompute of the first layer a change touches: `filters` of a conv layer, or null (all). */
function startChannels(
  before: ResolvedLayer,
  r: ResolvedLayer,
  filters: readonly number[] | undefined,
): readonly number[] | null {
  const same = before.type === r.type && sameShape(before.inputShape, r.inputShape);
  return filters !== undefined && same ? splitFilters(r, filters) : null;
}

/** The maps of a later layer that change: the same as its input's, when it is the same channel-wise layer. */
function followChannels(
  before: ResolvedLayer,
  r: ResolvedLayer,
  changed: readonly number[] | null,
): readonly number[] | null {
  return changed !== null && sameChannelWise(before, r) ? changed : null;
}

function reuseIndices(previous: Int32Array | undefined, n: number): Int32Array {
  return previous !== undefined && previous.length === n ? previous : new Int32Array(n);
}

/**
 * One layer's forward on its input `x` (shaped as r.inputShape), writing into `out` when it has the
 * right shape. Every output is reshaped to the layer's C x H x W, e.g. a softmax after a conv gives
 * N x 1 x 1 as the file format says. When `scan` is given, it receives the output's scan: found by the
 * kernels while the output is in their memory (conv2d, ReLU, max pooling), by a pass over it otherwise.
 */
export function layerForward(
  r: ResolvedLayer,
  x: Tensor,
  out?: Tensor,
  argmax?: Int32Array,
  scan?: ValueScan,
): Tensor {
  const target = reuseOrAllocate(out, r.outputShape);
  switch (r.type) {
    case 'conv2d': {
      const l = r.layer;
      const bias = l.hasBias ? valuesOf(l.bias, `${r.label} bias`).data : null;
      const weight = valuesOf(l.weight, `${r.label} weight`);
      return conv2dForward(x, weight, bias, r.geometry, l.paddingMode, l.flip, target, scan);
    }
    case 'dense': {
      const l = r.layer;
      const bias = l.hasBias ? valuesOf(l.bias, `${r.label} bias`).data : null;
      return scanned(denseForward(x, valuesOf(l.weight, `${r.label} weight`), bias, target), scan);
    }
    case 'relu':
    case 'sigmoid':
    case 'tanh':
      return activationForward(r.type, x, undefined, target, scan);
    case 'leaky_relu':
      return activationForward('leaky_relu', x, r.layer.slope, target, scan);
    case 'maxpool2d':
      return maxPool2dForward(x, r.geometry, target, argmax, scan);
    case 'avgpool2d':
      return scanned(avgPool2dForward(x, r.geometry, r.layer.countIncludePad, target), scan);
    case 'globalavgpool':
      return scanned(globalAvgPoolForward(x, target), scan);
    case 'globalmaxpool':
      return scanned(globalMaxPoolForward(x, target), scan);
    case 'flatten':
      return scanned(flattenForward(x, target), scan);
    case 'softmax':
      return scanned(softmaxForward(asShape(x, target.shape), target), scan);
    case 'dropout':
      return scanned(dropoutForward(x, target), scan);
  }
}

/** The same values under another shape of equal size (no copy). */
export function asShape(t: Tensor, shape: readonly number[]): Tensor {
  return { shape, data: t.data };
}
