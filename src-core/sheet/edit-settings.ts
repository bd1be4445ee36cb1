/**
 * Layer edits: change a layer's settings, add, remove or move a layer. After any of them, every conv
 * and dense layer further on is fitted to the maps now reaching it (a conv's IN follows the channels, a
 * dense layer's IN the flattened size), so removing conv1 leaves conv2 reading the input rather than an
 * error. A setting that cannot work (a kernel bigger than the map, stride 0) returns the errors, naming
 * the layer, the setting and the rule, and the caller keeps the workbook it had.
 */
import type { PaddingMode } from '../ops/geometry';
import { sizeOf } from '../tensor';
import { checked, failure, type EditResult } from './edit';
import { newLayer } from './edit-layers';
import { fitToInput, resizeDense, resizeFilters } from './edit-resize';
import { LIMITS } from './limits';
import { labelOf } from './rules';
import { resolveWorkbook } from './shapes';
import { defaultLayerName, newLayerName, DEFAULTS } from './types';
import type { IntOrPair, Layer, LayerType, PaddingSetting, Shape3, Workbook } from './types';

/** The settings the layer panel changes; each applies to the layer types that have it. */
export interface LayerPatch {
  readonly name?: string;
  /** Another kind of the same family: relu, leaky_relu, sigmoid, tanh; or maxpool2d, avgpool2d. */
  readonly type?: LayerType;
  /** conv: number of filters (OUT). */
  readonly filters?: number;
  /** conv: kernel height and width. */
  readonly kernel?: IntOrPair;
  /** conv and pools; null on a pool means "the window size". */
  readonly stride?: IntOrPair | null;
  readonly padding?: PaddingSetting;
  readonly paddingMode?: PaddingMode;
  readonly dilation?: IntOrPair;
  /** conv and dense: false makes the layer bias-free (its bias becomes zeros). */
  readonly hasBias?: boolean;
  readonly flip?: boolean;
  /** pools: window size. */
  readonly size?: IntOrPair;
  readonly countIncludePad?: boolean;
  /** dense: number of outputs (OUT). */
  readonly outputs?: number;
  readonly slope?: number;
  readonly p?: number;
  readonly trainable?: boolean;
}

const FAMILIES: readonly (readonly LayerType[])[] = [
  ['relu', 'leaky_relu', 'sigmoid', 'tanh'],
  ['maxpool2d', 'avgpool2d'],
];

/** The kinds a layer of `type` can turn into in place (itself included). */
export function kindsOf(type: LayerType): readonly LayerType[] {
  return FAMILIES.find((f) => f.includes(type)) ?? [type];
}

/** Applies `patch` to layer `index`; the label names the layer and the settings changed. */
export function changeLayer(workbook: Workbook, index: number, patch: LayerPatch): EditResult {
  const layer = workbook.layers[index];
  if (layer === undefined) return failure(`layers[${index}]`, `there is no layers[${index}]`);
  const label = labelOf(layer, index);
  const at = `layers[${index}]`;
  let next: Layer = layer;
  if (patch.type !== undefined && patch.type !== layer.type) {
    if (!kindsOf(layer.type).includes(patch.type)) {
      return failure(
        `${at}.type`,
        `${label}: a ${layer.type} layer cannot become ${patch.type}; add a new layer instead`,
      );
    }
    next = convertKind(layer, patch.type, workbook.layers);
  }
  if (patch.name !== undefined) next = { ...next, name: patch.name };
  if (patch.trainable !== undefined && (next.type === 'conv2d' || next.type === 'dense')) {
    next = { ...next, trainable: patch.trainable };
  }
  switch (next.type) {
    case 'conv2d': {
      const [out, cin, kh, kw] = next.weight.shape;
      const filters = patch.filters ?? out;
      const [nh, nw] = patch.kernel === undefined ? [kh, kw] : pair(patch.kernel);
      const bad =
        badCount(filters, `${at}.weight.shape[0]`, `${label}: filters`) ??
        badCount(nh, `${at}.weight.shape[2]`, `${label}: kernel height`) ??
        badCount(nw, `${at}.weight.shape[3]`, `${label}: kernel width`);
      if (bad !== null) return bad;
      if (filters !== out || nh !== kh || nw !== kw) next = resizeFilters(next, [filters, cin, nh, nw]);
      next = {
        ...next,
        stride: patch.stride ?? next.stride,
        padding: patch.padding ?? next.padding,
        paddingMode: patch.paddingMode ?? next.paddingMode,
        dilation: patch.dilation ?? next.dilation,
        flip: patch.flip ?? next.flip,
      };
      next = withBias(next, patch.hasBias);
      break;
    }
    case 'dense': {
      const [out, inFeatures] = next.weight.shape;
      const outputs = patch.outputs ?? out;
      const bad = badCount(outputs, `${at}.weight.shape[0]`, `${label}: outputs`);
      if (bad !== null) return bad;
      if (outputs !== out) next = resizeDense(next, outputs, inFeatures);
      next = withBias(next, patch.hasBias);
      break;
    }
    case 'maxpool2d':
    case 'avgpool2d':
      next = {
        ...next,
        size: patch.size ?? next.size,
        stride: patch.stride === undefined ? next.stride : patch.stride,
        padding: typeof patch.padding === 'string' ? next.padding : (patch.padding ?? next.padding),
      };
      if (next.type === 'maxpool2d' && patch.dilation !== undefined)
        next = { ...next, dilation: patch.dilation };
      if (next.type === 'avgpool2d' && patch.countIncludePad !== undefined) {
        next = { ...next, countIncludePad: patch.countIncludePad };
      }
      break;
    case 'leaky_relu':
      if (patch.slope !== undefined) next = { ...next, slope: patch.slope };
      break;
    case 'dropout':
      if (patch.p !== undefined) next = { ...next, p: patch.p };
      break;
    default:
      break;
  }
  const layers = workbook.layers.map((l, i) => (i === index ? next : l));
  const settings = Object.keys(patch).join(', ');
  return finish({ ...workbook, layers }, index + 1, index, `${label}: ${settings}`);
}

/** Inserts a new layer of `type` at position `at` (0 = right after the input). */
export function addLayer(workbook: Workbook, at: number, type: LayerType): EditResult {
  if (!(at >= 0 && at <= workbook.layers.length)) return failure('', `cannot add a layer at position ${at}`);
  if (workbook.layers.length >= LIMITS.layers) {
    return failure('layers', `a workbook holds at most ${LIMITS.layers} layers`);
  }
  const shape = shapeReaching(workbook, at);
  if (shape === null) {
    return failure(`layers[${at}]`, `cannot add a layer at ${at}: the layers before it have errors`);
  }
  const layer = newLayer(type, workbook.layers, shape);
  const layers = [...workbook.layers.slice(0, at), layer, ...workbook.layers.slice(at)];
  return finish({ ...workbook, layers }, at + 1, at, `add ${layer.name}`);
}

/** Removes layer `index`. */
export function removeLayer(workbook: Workbook, index: number): EditResult {
  const layer = workbook.layers[index];
  if (layer === undefined) return failure(`layers[${index}]`, `there is no layers[${index}]`);
  const layers = workbook.layers.filter((_, i) => i !== index);
  return finish({ ...workbook, layers }, index, index, `remove ${layer.name}`);
}

/** Moves layer `index` to position `to` (the others keep their order). */
export function moveLayer(workbook: Workbook, index: number, to: number): EditResult {
  const layer = workbook.layers[index];
  if (layer === undefined) return failure(`layers[${index}]`, `there is no layers[${index}]`);
  if (!(to >= 0 && to < workbook.layers.length)) return failure('', `cannot move a layer to position ${to}`);
  const rest = workbook.layers.filter((_, i) => i !== index);
  const layers = [...rest.slice(0, to), layer, ...rest.slice(to)];
  const from = Math.min(index, to);
  return finish({ ...workbook, layers }, from, from, `move ${layer.name} ${to < index ? 'up' : 'down'}`);
}

/** The workbook with every conv and dense layer from `start` on fitted, then checked. */
function finish(workbook: Workbook, start: number, from: number, label: string): EditResult {
  const layers = [...workbook.layers];
  for (let j = start; j < layers.length; j++) {
    const layer = layers[j];
    if (layer?.type !== 'conv2d' && layer?.type !== 'dense') continue;
    const shape = shapeReaching({ ...workbook, layers }, j);
    if (shape === null) break;
    if (layer.type === 'dense' && layer.weight.shape[0] * sizeOf(shape) > LIMITS.values) break;
    layers[j] = fitToInput(layer, shape);
  }
  return checked({ ...workbook, layers }, from, label);
}

/** The C x H x W reaching position `at`, or null when the layers before it do not resolve. */
export function shapeReaching(workbook: Workbook, at: number): Shape3 | null {
  const r = resolveWorkbook({ ...workbook, layers: workbook.layers.slice(0, at) });
  return r.ok ? r.value.outputShape : null;
}

function convertKind(layer: Layer, type: LayerType, layers: readonly Layer[]): Layer {
  // A name the sheet made up follows the kind (relu1 -> sigmoid1); a name the user chose stays.
  const prefix = defaultLayerName(layer.type, 1).replace(/1$/, '');
  const name = new RegExp(`^${prefix}\\d+$`).test(layer.name) ? newLayerName(layers, type) : layer.name;
  if (
    (layer.type === 'maxpool2d' || layer.type === 'avgpool2d') &&
    (type === 'maxpool2d' || type === 'avgpool2d')
  ) {
    const { size, stride, padding } = layer;
    return type === 'maxpool2d'
      ? { type, name, size, stride, padding, dilation: 1 }
      : { type, name, size, stride, padding, countIncludePad: DEFAULTS.countIncludePad };
  }
  if (type === 'leaky_relu') return { type, name, slope: DEFAULTS.slope };
  if (type === 'relu' || type === 'sigmoid' || type === 'tanh') return { type, name };
  return layer;
}

function withBias<L extends Extract<Layer, { type: 'conv2d' | 'dense' }>>(layer: L, hasBias?: boolean): L {
  if (hasBias === undefined || hasBias === layer.hasBias) return layer;
  // A bias-free layer holds zeros (types.ts): switching the bias off clears it, switching on starts at 0.
  const out = layer.weight.shape[0];
  return { ...layer, hasBias, bias: { shape: [out], data: new Float64Array(out) } };
}

function pair(v: IntOrPair): [number, number] {
  return typeof v === 'number' ? [v, v] : [v[0], v[1]];
}

function badCount(n: number, path: string, subject: string): EditResult | null {
  if (!Number.isInteger(n) || n < 1)
    return failure(path, `${subject} must be a whole number of at least 1; got ${n}`);
  if (n > LIMITS.dimension) return failure(path, `${subject} is ${n}, over the limit of ${LIMITS.dimension}`);
  return null;
}
