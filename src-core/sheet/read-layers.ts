/**
 * Reading one entry of a workbook's `layers` list into a Layer, defaults filled in (CONTRACTS.md
 * section 2). Settings keep the form they were written in: `"same"` stays "same", `[2, 2]` stays a pair.
 */
import type { PaddingMode } from '../ops/geometry';
import { layerLabel, showValue, type IssueList } from './issues';
import { LIMITS } from './limits';
import {
  child,
  isObject,
  readBoolean,
  readChoice,
  readIntOrPair,
  readNumber,
  readNumbers,
  readTensor,
  warnUnknownKeys,
  type JsonObject,
  type Place,
} from './read-values';
import { CONV_PADDING_RULE, POOL_PADDING_RULE, SIZE_RULE } from './rules';
import {
  DEFAULTS,
  LAYER_TYPES,
  type BiasVector,
  type IntOrPair,
  type Layer,
  type LayerType,
  type PaddingSetting,
} from './types';

const PADDING_MODES: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

/** The settings each type has besides `type` and `name`, in the order files write them. */
const SETTINGS: Record<LayerType, readonly string[]> = {
  conv2d: ['weight', 'bias', 'stride', 'padding', 'paddingMode', 'dilation', 'flip', 'trainable'],
  relu: [],
  leaky_relu: ['slope'],
  sigmoid: [],
  tanh: [],
  maxpool2d: ['size', 'stride', 'padding', 'dilation'],
  avgpool2d: ['size', 'stride', 'padding', 'countIncludePad'],
  globalavgpool: [],
  globalmaxpool: [],
  flatten: [],
  dense: ['weight', 'bias', 'trainable'],
  softmax: [],
  dropout: ['p'],
};

/** PyTorch's spellings of our settings, keyed without case, `_` or `-`. */
const SETTING_ALIASES: Record<string, string> = {
  kernelsize: 'size',
  kernel: 'size',
  negativeslope: 'slope',
};

/** Other names people give layer types (PyTorch's, mostly), keyed without case, `_` or `-`. */
const TYPE_ALIASES: Record<string, LayerType> = {
  conv: 'conv2d',
  linear: 'dense',
  fc: 'dense',
  maxpool: 'maxpool2d',
  avgpool: 'avgpool2d',
  leakyrelu: 'leaky_relu',
  adaptiveavgpool2d: 'globalavgpool',
};

export function isLayerType(v: unknown): v is LayerType {
  return LAYER_TYPES.some((t) => t === v);
}

/** The type of a raw layer entry when it is a known one. */
export function rawLayerType(raw: unknown): LayerType | null {
  return isObject(raw) && isLayerType(raw.type) ? raw.type : null;
}

/**
 * One layer, or null when its type or a setting cannot be read (the errors say why). A layer whose
 * data holds a bad value is still returned, with that data null, so its shapes can be checked.
 */
export function readLayer(
  raw: unknown,
  index: number,
  defaultName: string | null,
  issues: IssueList,
): Layer | null {
  const at = `layers[${index}]`;
  if (!isObject(raw)) {
    issues.error(at, `${at} must be a layer such as {"type": "relu"}; got ${showValue(raw)}`);
    return null;
  }
  let name = defaultName;
  if (raw.name !== undefined) {
    if (typeof raw.name === 'string') name = raw.name;
    else
      issues.error(
        `${at}.name`,
        `${layerLabel(index, defaultName)}: name must be text; got ${showValue(raw.name)}`,
      );
  }
  const place: Place = { path: at, label: layerLabel(index, name === '' ? null : name), issues };
  const type = raw.type;
  if (!isLayerType(type)) {
    reportType(type, place);
    return null;
  }
  warnUnknownKeys(
    raw,
    ['type', 'name', ...SETTINGS[type]],
    place,
    '',
    SETTING_ALIASES,
    settingsListing(type),
  );
  return readSettings(type, name ?? type, raw, place);
}

function settingsListing(type: LayerType): string {
  const s = SETTINGS[type];
  return s.length === 0
    ? `${aLayer(type)} has no settings besides its name`
    : `${aLayer(type)} has ${s.join(', ')}`;
}

/** "a conv2d layer", "an avgpool2d layer". */
function aLayer(type: LayerType): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} layer`;
}

function reportType(type: unknown, place: Place): void {
  const types = LAYER_TYPES.join(', ');
  if (type === undefined) {
    place.issues.error(`${place.path}.type`, `${place.label}: a layer needs a "type", one of ${types}`);
    return;
  }
  const norm = typeof type === 'string' ? type.toLowerCase().replace(/[_-]/g, '') : '';
  const guess = TYPE_ALIASES[norm] ?? LAYER_TYPES.find((t) => t.replace(/_/g, '') === norm);
  const hint = guess === undefined ? `; the types are ${types}` : `; did you mean "${guess}"?`;
  place.issues.error(`${place.path}.type`, `${place.label}: unknown layer type ${showValue(type)}${hint}`);
}

function readSettings(type: LayerType, name: string, raw: JsonObject, place: Place): Layer | null {
  switch (type) {
    case 'conv2d': {
      const weight = readWeight(raw, place, type, ['OUT', 'IN', 'KH', 'KW']);
      const bias = readBias(raw.bias, child(place, 'bias'), weight?.shape[0], 'filter');
      const stride = readSetting(raw, 'stride', place, DEFAULTS.stride, SIZE_RULE);
      const padding = readConvPadding(raw.padding, place);
      const paddingMode = readChoice(raw, 'paddingMode', place, PADDING_MODES, DEFAULTS.paddingMode);
      const dilation = readSetting(raw, 'dilation', place, DEFAULTS.dilation, SIZE_RULE);
      const flip = readBoolean(raw, 'flip', place, DEFAULTS.flip);
      const trainable = readBoolean(raw, 'trainable', place, DEFAULTS.trainable);
      if (
        weight === undefined ||
        bias === undefined ||
        stride === undefined ||
        padding === undefined ||
        paddingMode === undefined ||
        dilation === undefined ||
        flip === undefined ||
        trainable === undefined
      ) {
        return null;
      }
      const [o, i, kh, kw] = weight.shape;
      if (o === undefined || i === undefined || kh === undefined || kw === undefined) return null;
      return {
        type,
        name,
        weight: { shape: [o, i, kh, kw], data: weight.data },
        ...bias,
        stride,
        padding,
        paddingMode,
        dilation,
        flip,
        trainable,
      };
    }
    case 'dense': {
      const weight = readWeight(raw, place, type, ['OUT', 'IN']);
      const bias = readBias(raw.bias, child(place, 'bias'), weight?.shape[0], 'output');
      const trainable = readBoolean(raw, 'trainable', place, DEFAULTS.trainable);
      if (weight === undefined || bias === undefined || trainable === undefined) return null;
      const [o, i] = weight.shape;
      if (o === undefined || i === undefined) return null;
      return { type, name, weight: { shape: [o, i], data: weight.data }, ...bias, trainable };
    }
    case 'maxpool2d':
    case 'avgpool2d': {
      if (raw.size === undefined) {
        place.issues.error(`${place.path}.size`, `${place.label}: ${aLayer(type)} needs "size": 2 or [h, w]`);
        return null;
      }
      const size = readIntOrPair(raw.size, `${place.path}.size`, place, 'size', SIZE_RULE);
      // null is PyTorch's stride=None: the window size.
      const stride =
        raw.stride === undefined || raw.stride === null
          ? null
          : readIntOrPair(raw.stride, `${place.path}.stride`, place, 'stride', SIZE_RULE);
      const padding = readPoolPadding(raw.padding, place);
      if (size === undefined || stride === undefined || padding === undefined) return null;
      if (type === 'maxpool2d') {
        const dilation = readSetting(raw, 'dilation', place, DEFAULTS.dilation, SIZE_RULE);
        return dilation === undefined ? null : { type, name, size, stride, padding, dilation };
      }
      const countIncludePad = readBoolean(raw, 'countIncludePad', place, DEFAULTS.countIncludePad);
      return countIncludePad === undefined ? null : { type, name, size, stride, padding, countIncludePad };
    }
    case 'leaky_relu': {
      const slope = readNumber(raw, 'slope', place, DEFAULTS.slope);
      return slope === undefined ? null : { type, name, slope };
    }
    case 'dropout': {
      const p = readNumber(raw, 'p', place, DEFAULTS.p);
      return p === undefined ? null : { type, name, p };
    }
    case 'relu':
      return { type, name };
    case 'sigmoid':
      return { type, name };
    case 'tanh':
      return { type, name };
    case 'globalavgpool':
      return { type, name };
    case 'globalmaxpool':
      return { type, name };
    case 'flatten':
      return { type, name };
    case 'softmax':
      return { type, name };
  }
}

function readWeight(
  raw: JsonObject,
  place: Place,
  type: 'conv2d' | 'dense',
  axes: readonly string[],
): { shape: number[]; data: Float64Array | null } | undefined {
  if (raw.weight === undefined) {
    place.issues.error(
      `${place.path}.weight`,
      `${place.label}: ${aLayer(type)} needs "weight": {"shape": [${axes.join(', ')}], "data": [...]}`,
    );
    return undefined;
  }
  return readTensor(raw.weight, child(place, 'weight'), 'weight', axes);
}

function readSetting(
  o: JsonObject,
  key: string,
  place: Place,
  fallback: number,
  rule: string,
): IntOrPair | undefined {
  const v = o[key];
  return v === undefined ? fallback : readIntOrPair(v, `${place.path}.${key}`, place, key, rule);
}

function readConvPadding(v: unknown, place: Place): PaddingSetting | undefined {
  if (v === undefined) return DEFAULTS.padding;
  if (v === 'valid' || v === 'same') return v;
  return readIntOrPair(v, `${place.path}.padding`, place, 'padding', CONV_PADDING_RULE);
}

function readPoolPadding(v: unknown, place: Place): IntOrPair | undefined {
  if (v === undefined) return DEFAULTS.padding;
  const rule =
    v === 'same' || v === 'valid'
      ? `${POOL_PADDING_RULE} (pools take no "same" or "valid")`
      : POOL_PADDING_RULE;
  return readIntOrPair(v, `${place.path}.padding`, place, 'padding', rule);
}

/**
 * The bias as a list of OUT numbers, or `{"shape": [OUT]}` in a shape-only workbook. Absent: OUT zeros
 * and `hasBias` false (PyTorch `bias=False`), so that evaluation can add it and saving leaves it out.
 */
function readBias(
  v: unknown,
  place: Place,
  out: number | undefined,
  perWhat: string,
): { bias: BiasVector; hasBias: boolean } | undefined {
  if (v === undefined) {
    const n = out ?? 0;
    const zeros = Number.isInteger(n) && n >= 1 && n <= LIMITS.values ? new Float64Array(n) : null;
    return { bias: { shape: [n], data: zeros }, hasBias: false };
  }
  if (isObject(v)) {
    const t = readTensor(v, place, 'bias', ['OUT']);
    const [n] = t?.shape ?? [];
    return t === undefined || n === undefined
      ? undefined
      : { bias: { shape: [n], data: t.data }, hasBias: true };
  }
  const expected = `a list of ${out ?? 'OUT'} numbers, one per ${perWhat} (or left out for no bias)`;
  const data = readNumbers(v, place, 'bias', expected);
  if (!Array.isArray(v)) return undefined;
  return { bias: { shape: [v.length], data }, hasBias: true };
}
