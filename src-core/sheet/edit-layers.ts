/**
 * Building layers in memory: what the sample workbooks are made of and what "add layer" inserts. Each
 * builder fills in the file format's defaults (CONTRACTS.md section 2), so a layer built here reads and
 * writes like one read from a file.
 */
import { createRandom } from '../random';
import { sizeOf } from '../tensor';
import type {
  AvgPool2dLayer,
  Conv2dLayer,
  DenseLayer,
  IntOrPair,
  Layer,
  LayerType,
  MaxPool2dLayer,
  PaddingSetting,
  Shape3,
} from './types';
import { DEFAULTS, newLayerName } from './types';
import type { PaddingMode } from '../ops/geometry';

export interface ConvOptions {
  /** OUT numbers, or null for a bias-free layer (PyTorch `bias=False`). Default: OUT zeros. */
  readonly bias?: readonly number[] | null;
  readonly stride?: IntOrPair;
  readonly padding?: PaddingSetting;
  readonly paddingMode?: PaddingMode;
  readonly dilation?: IntOrPair;
  readonly flip?: boolean;
}

/** A conv layer from its OUT x IN x KH x KW filter bank, values row-major. */
export function conv2dLayer(
  name: string,
  shape: readonly [number, number, number, number],
  weights: ArrayLike<number>,
  options: ConvOptions = {},
): Conv2dLayer {
  const out = shape[0];
  const bias = options.bias === undefined ? new Array<number>(out).fill(0) : options.bias;
  return {
    type: 'conv2d',
    name,
    weight: { shape, data: checkedValues(weights, sizeOf(shape), `${name} weight`) },
    bias: { shape: [out], data: checkedValues(bias ?? new Array<number>(out).fill(0), out, `${name} bias`) },
    hasBias: bias !== null,
    trainable: DEFAULTS.trainable,
    stride: options.stride ?? DEFAULTS.stride,
    padding: options.padding ?? DEFAULTS.padding,
    paddingMode: options.paddingMode ?? DEFAULTS.paddingMode,
    dilation: options.dilation ?? DEFAULTS.dilation,
    flip: options.flip ?? DEFAULTS.flip,
  };
}

/** A dense layer from its OUT x IN weight matrix; bias null for a bias-free layer, default zeros. */
export function denseLayer(
  name: string,
  shape: readonly [number, number],
  weights: ArrayLike<number>,
  bias: readonly number[] | null = new Array<number>(shape[0]).fill(0),
): DenseLayer {
  const out = shape[0];
  return {
    type: 'dense',
    name,
    weight: { shape, data: checkedValues(weights, out * shape[1], `${name} weight`) },
    bias: { shape: [out], data: checkedValues(bias ?? new Array<number>(out).fill(0), out, `${name} bias`) },
    hasBias: bias !== null,
    trainable: DEFAULTS.trainable,
  };
}

export function maxPool2dLayer(
  name: string,
  size: IntOrPair,
  stride: IntOrPair | null = null,
  padding: IntOrPair = 0,
): MaxPool2dLayer {
  return { type: 'maxpool2d', name, size, stride, padding, dilation: 1 };
}

export function avgPool2dLayer(
  name: string,
  size: IntOrPair,
  stride: IntOrPair | null = null,
  padding: IntOrPair = 0,
): AvgPool2dLayer {
  return { type: 'avgpool2d', name, size, stride, padding, countIncludePad: DEFAULTS.countIncludePad };
}

/** The layers without weights or window settings. */
export type PlainLayerType = Exclude<LayerType, 'conv2d' | 'dense' | 'maxpool2d' | 'avgpool2d'>;

export function plainLayer(type: PlainLayerType, name: string): Layer {
  switch (type) {
    case 'leaky_relu':
      return { type, name, slope: DEFAULTS.slope };
    case 'dropout':
      return { type, name, p: DEFAULTS.p };
    default:
      return { type, name };
  }
}

/**
 * Small weights drawn from N(0, scale^2), rounded to `decimals` so a student can read and retype them;
 * the same seed always gives the same weights.
 */
export function seededWeights(n: number, seed: number, scale: number, decimals = 2): Float64Array {
  const random = createRandom(seed);
  const step = 10 ** decimals;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.round(random.normal() * scale * step) / step;
  return data;
}

/** A seed from a layer's name and shape, so that adding "the same" layer twice gives the same weights. */
export function seedOf(name: string, shape: readonly number[]): number {
  let h = 2166136261;
  for (const ch of `${name}:${shape.join('x')}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/**
 * A new layer of `type` for maps of shape `input` (C x H x W), named after the layers already there:
 * a conv gets two 3 x 3 filters reading every channel, a dense layer 10 outputs; their weights are small
 * seeded numbers (He scale, sqrt(2 / fan-in)), biases zero.
 */
export function newLayer(type: LayerType, layers: readonly Layer[], input: Shape3): Layer {
  const name = newLayerName(layers, type);
  switch (type) {
    case 'conv2d': {
      const shape = [2, input[0], 3, 3] as const;
      const scale = Math.sqrt(2 / (input[0] * 9));
      return conv2dLayer(name, shape, seededWeights(sizeOf(shape), seedOf(name, shape), scale));
    }
    case 'dense': {
      const shape = [10, sizeOf(input)] as const;
      const scale = Math.sqrt(2 / shape[1]);
      return denseLayer(name, shape, seededWeights(sizeOf(shape), seedOf(name, shape), scale, 3));
    }
    case 'maxpool2d':
      return maxPool2dLayer(name, 2);
    case 'avgpool2d':
      return avgPool2dLayer(name, 2);
    default:
      return plainLayer(type, name);
  }
}

function checkedValues(values: ArrayLike<number>, n: number, what: string): Float64Array {
  if (values.length !== n) throw new RangeError(`${what} needs ${n} values, got ${values.length}`);
  return Float64Array.from(values);
}
