/**
 * Recomputing only the feature maps an edit changes. Feature map o of a conv layer depends only on
 * filter o and bias o (and the layer's input), and each map of an activation, a pool or dropout depends
 * only on the map of the same channel before it. So an edit to one filter changes one map of its layer,
 * and one map of each such layer that follows, up to the next layer that mixes channels (a conv or a
 * dense layer), which is recomputed whole. Typing into one of a photo's four conv1 filters then
 * recomputes a quarter of conv1 and of its ReLU.
 *
 * Each map is computed by the same operation on that channel alone, which sums the same products in
 * the same order: the values are those of a whole recompute, bit for bit. Layers whose sums would differ
 * when split (a conv that uses Winograd's algorithm) are recomputed whole.
 */
import { activationForward, avgPool2dForward, conv2dForward, dropoutForward, maxPool2dForward } from '../ops';
import { winogradPays } from '../kernels/winograd';
import type { WindowGeometry } from '../ops/geometry';
import { sameShape, type Tensor } from '../tensor';
import { emptyScan, scanned, scanValues, type ValueScan } from '../value-scan';
import { valuesOf } from './evaluate';
import type { ResolvedLayer } from './shapes';

/** True for the layers whose output map c is computed from their input map c alone. */
export function channelWise(r: ResolvedLayer): boolean {
  switch (r.type) {
    case 'relu':
    case 'leaky_relu':
    case 'sigmoid':
    case 'tanh':
    case 'dropout':
    case 'maxpool2d':
    case 'avgpool2d':
      return true;
    default:
      return false;
  }
}

/**
 * The maps of conv layer r to recompute when an edit changed only `filters` (their weights or biases):
 * those filters, when they are at most half the layer's (each map alone costs a copy of the layer's
 * input into the kernels' memory) and the layer's sums would be the same split into maps; else null.
 */
export function splitFilters(r: ResolvedLayer, filters: readonly number[]): readonly number[] | null {
  if (r.type !== 'conv2d') return null;
  const [cOut = 0, cIn = 0, kh = 0, kw = 0] = r.layer.weight.shape;
  const g = r.geometry;
  const unitStride = g.strideH === 1 && g.strideW === 1;
  const unitDilation = g.dilationH === 1 && g.dilationW === 1;
  if (winogradPays(cIn, cOut, kh, kw, unitStride, unitDilation)) return null;
  const inside = filters.every((o) => Number.isInteger(o) && o >= 0 && o < cOut);
  return inside && filters.length * 2 <= cOut ? filters : null;
}

/**
 * True when channel-wise layer r computes each map as `before` did: the same kind of layer on the same
 * shapes with the same settings, so the maps its input keeps give the maps it had.
 */
export function sameChannelWise(before: ResolvedLayer, r: ResolvedLayer): boolean {
  if (!channelWise(r) || !sameShape(before.inputShape, r.inputShape)) return false;
  if (!sameShape(before.outputShape, r.outputShape)) return false;
  switch (r.type) {
    case 'leaky_relu':
      return before.type === 'leaky_relu' && Object.is(before.layer.slope, r.layer.slope);
    case 'maxpool2d':
      return before.type === 'maxpool2d' && sameGeometry(before.geometry, r.geometry);
    case 'avgpool2d':
      return (
        before.type === 'avgpool2d' &&
        sameGeometry(before.geometry, r.geometry) &&
        before.layer.countIncludePad === r.layer.countIncludePad
      );
    default:
      return before.type === r.type;
  }
}

function sameGeometry(a: WindowGeometry, b: WindowGeometry): boolean {
  const keys = Object.keys(b) as (keyof WindowGeometry)[];
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

/** Channel c of a C x H x W tensor, as a 1 x H x W tensor sharing its values (no copy). */
export function channelOf(t: Tensor, c: number): Tensor {
  const [, h = 0, w = 0] = t.shape;
  return { shape: [1, h, w], data: t.data.subarray(c * h * w, (c + 1) * h * w) };
}

/**
 * Recomputes maps `channels` of layer r's output `out` (shaped r.outputShape, holding the previous
 * values) from its input `x`; the other maps are left as they are. `argmax` likewise for max pooling.
 * Returns each recomputed map's scan, in the order of `channels`.
 */
export function forwardChannels(
  r: ResolvedLayer,
  x: Tensor,
  out: Tensor,
  argmax: Int32Array | undefined,
  channels: readonly number[],
): ValueScan[] {
  return channels.map((c) => {
    const scan = emptyScan();
    const y = channelOf(out, c);
    switch (r.type) {
      case 'conv2d': {
        const l = r.layer;
        const weight = valuesOf(l.weight, `${r.label} weight`);
        const [, cIn = 0, kh = 0, kw = 0] = weight.shape;
        const per = cIn * kh * kw;
        const filter = { shape: [1, cIn, kh, kw], data: weight.data.subarray(c * per, (c + 1) * per) };
        const bias = l.hasBias ? valuesOf(l.bias, `${r.label} bias`).data.subarray(c, c + 1) : null;
        conv2dForward(x, filter, bias, r.geometry, l.paddingMode, l.flip, y, scan);
        break;
      }
      case 'relu':
      case 'sigmoid':
      case 'tanh':
        activationForward(r.type, channelOf(x, c), undefined, y, scan);
        break;
      case 'leaky_relu':
        activationForward('leaky_relu', channelOf(x, c), r.layer.slope, y, scan);
        break;
      case 'dropout':
        scanned(dropoutForward(channelOf(x, c), y), scan);
        break;
      case 'maxpool2d': {
        const plane = y.data.length;
        const winners = argmax?.subarray(c * plane, (c + 1) * plane);
        maxPool2dForward(channelOf(x, c), r.geometry, y, winners, scan);
        // The winners were counted within the channel: make them flat indices into the whole input.
        const offset = c * (x.data.length / (x.shape[0] ?? 1));
        for (let k = 0; winners !== undefined && k < plane; k++) {
          const index = winners[k] ?? -1;
          if (index >= 0) winners[k] = index + offset;
        }
        break;
      }
      case 'avgpool2d':
        scanned(avgPool2dForward(channelOf(x, c), r.geometry, r.layer.countIncludePad, y), scan);
        break;
      default:
        throw new RangeError(`${r.label} mixes channels: it cannot be recomputed one map at a time`);
    }
    return scan;
  });
}

/** Each map's scan of `out` (C x H x W), reusing `known[c]` where given. */
export function channelScans(out: Tensor, known?: readonly (ValueScan | undefined)[]): ValueScan[] {
  const c = out.shape[0] ?? 0;
  return Array.from({ length: c }, (_, k) => known?.[k] ?? scanValues(channelOf(out, k).data));
}

/** The scan of a whole output from the scans of its maps. */
export function combineScans(scans: readonly ValueScan[]): ValueScan {
  let largest = 0;
  let nonFinite = 0;
  for (const s of scans) {
    if (s.largest > largest) largest = s.largest;
    nonFinite += s.nonFinite;
  }
  return { largest, nonFinite };
}
