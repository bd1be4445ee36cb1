/**
 * The workbook in memory: the input image and the layers of a network, each layer's settings kept in
 * the form the user wrote them (`padding: "same"` stays "same", `stride: [2, 1]` stays a pair), with the
 * file's defaults filled in. `resolve.ts` turns these settings into the explicit WindowGeometry the
 * operations take; `shapes.ts` works out the C x H x W reaching every layer.
 *
 * File format: CONTRACTS.md section 2. Numeric meaning of every layer: CONTRACTS.md section 1.
 */
import type { PaddingMode } from '../ops/geometry';

/** A C x H x W shape: channels, rows, columns. */
export type Shape3 = readonly [number, number, number];

/** Two sizes, rows first: [rows, columns] (PyTorch's (h, w) tuples). */
export type Pair = readonly [number, number];

/** A setting given once for both axes (`2`) or per axis, rows first (`[2, 1]`). */
export type IntOrPair = number | Pair;

/**
 * Conv padding as written: rows/columns added on each side (an integer or [ph, pw]), `"valid"` (none) or
 * `"same"` (output size = input size at stride 1; an even kernel's extra row/column goes bottom/right).
 */
export type PaddingSetting = IntOrPair | 'valid' | 'same';

/**
 * A shape and, unless the workbook describes shapes only, its values (row-major, PyTorch layout).
 * `data === null` is a shape-only tensor: `summary` accepts it, `eval` and `learn` refuse it.
 */
export interface TensorOrShape<S extends readonly number[] = readonly number[]> {
  readonly shape: S;
  readonly data: Float64Array | null;
}

/** The input image, C x H x W: value [c, y, x] at (c * H + y) * W + x. */
export type InputTensor = TensorOrShape<Shape3>;

/** A conv filter bank, OUT x IN x KH x KW: weight [o, c, i, j] at ((o * IN + c) * KH + i) * KW + j. */
export type FilterBank = TensorOrShape<readonly [number, number, number, number]>;

/** A dense weight matrix, OUT x IN: weight [o, i] at o * IN + i. */
export type DenseWeight = TensorOrShape<readonly [number, number]>;

/** One bias per filter or per output, OUT values. */
export type BiasVector = TensorOrShape<readonly [number]>;

interface Named {
  /** Used in messages and outputs; defaults to the type's short name numbered by type (conv1, fc2). */
  readonly name: string;
}

/**
 * Settings shared by the layers that have weights. `bias` is always present: when the file had none it
 * holds OUT zeros (PyTorch's `bias=False` is numerically a zero bias) and `hasBias` is false, so
 * evaluation may add `bias.data` unconditionally, the parameter count leaves the bias out (as torchinfo
 * counts `bias=False`), learning must leave it at zero, and saving leaves it out again.
 */
interface Weighted extends Named {
  readonly bias: BiasVector;
  /** False when the file had no `bias`: a bias-free layer (PyTorch `bias=False`). */
  readonly hasBias: boolean;
  /** False freezes the layer: learning leaves its weights and bias as they are. */
  readonly trainable: boolean;
}

/** `torch.nn.functional.conv2d` after `F.pad(mode=paddingMode)`; groups = 1. */
export interface Conv2dLayer extends Weighted {
  readonly type: 'conv2d';
  readonly weight: FilterBank;
  readonly stride: IntOrPair;
  readonly padding: PaddingSetting;
  readonly paddingMode: PaddingMode;
  readonly dilation: IntOrPair;
  /** True rotates every kernel 180 degrees before sliding it: convolution rather than cross-correlation. */
  readonly flip: boolean;
}

/** `F.linear` on the flattened input: OUT x 1 x 1. */
export interface DenseLayer extends Weighted {
  readonly type: 'dense';
  readonly weight: DenseWeight;
}

export interface ReluLayer extends Named {
  readonly type: 'relu';
}

/** `F.leaky_relu(x, negative_slope=slope)`: x for x > 0, slope * x otherwise. */
export interface LeakyReluLayer extends Named {
  readonly type: 'leaky_relu';
  readonly slope: number;
}

export interface SigmoidLayer extends Named {
  readonly type: 'sigmoid';
}

export interface TanhLayer extends Named {
  readonly type: 'tanh';
}

/** Settings shared by the two sliding-window pools (`F.max_pool2d`, `F.avg_pool2d`, floor mode). */
interface WindowPool extends Named {
  /** Window height and width. */
  readonly size: IntOrPair;
  /** Step between windows; null means "the window size", PyTorch's `stride=None`. */
  readonly stride: IntOrPair | null;
  /** Rows/columns added on each side; at most half the window (PyTorch's rule). */
  readonly padding: IntOrPair;
}

/** `F.max_pool2d`; padded cells are -infinity, so they never win. */
export interface MaxPool2dLayer extends WindowPool {
  readonly type: 'maxpool2d';
  /** PyTorch's `dilation` of max_pool2d (an extension of the file format, written only when not 1). */
  readonly dilation: IntOrPair;
}

/** `F.avg_pool2d`; zero padding, counted in the divisor when `countIncludePad` (PyTorch's default). */
export interface AvgPool2dLayer extends WindowPool {
  readonly type: 'avgpool2d';
  readonly countIncludePad: boolean;
}

/** Mean of each channel: C x H x W -> C x 1 x 1. */
export interface GlobalAvgPoolLayer extends Named {
  readonly type: 'globalavgpool';
}

/** Maximum of each channel: C x H x W -> C x 1 x 1. */
export interface GlobalMaxPoolLayer extends Named {
  readonly type: 'globalmaxpool';
}

/** C x H x W -> (C*H*W) x 1 x 1, row-major. */
export interface FlattenLayer extends Named {
  readonly type: 'flatten';
}

/** `F.softmax(dim=0)` over the flattened input: (C*H*W) x 1 x 1. */
export interface SoftmaxLayer extends Named {
  readonly type: 'softmax';
}

/** Identity when evaluating; while learning, zeroes each value with probability p and scales by 1/(1-p). */
export interface DropoutLayer extends Named {
  readonly type: 'dropout';
  readonly p: number;
}

export type Layer =
  | Conv2dLayer
  | ReluLayer
  | LeakyReluLayer
  | SigmoidLayer
  | TanhLayer
  | MaxPool2dLayer
  | AvgPool2dLayer
  | GlobalAvgPoolLayer
  | GlobalMaxPoolLayer
  | FlattenLayer
  | DenseLayer
  | SoftmaxLayer
  | DropoutLayer;

export type LayerType = Layer['type'];

/** Every layer type, in the order CONTRACTS.md lists them. */
export const LAYER_TYPES: readonly LayerType[] = [
  'conv2d',
  'relu',
  'leaky_relu',
  'sigmoid',
  'tanh',
  'maxpool2d',
  'avgpool2d',
  'globalavgpool',
  'globalmaxpool',
  'flatten',
  'dense',
  'softmax',
  'dropout',
];

export interface Workbook {
  /** Optional title. */
  readonly name?: string;
  readonly input: InputTensor;
  readonly layers: readonly Layer[];
  /** View settings and the like, kept verbatim; never changes a number. */
  readonly ui?: unknown;
  /** Learning settings and history, kept verbatim; never changes a number. */
  readonly learn?: unknown;
}

/** The workbook file format version this code reads and writes. */
export const WORKBOOK_VERSION = 1;

/** Defaults of the file format (CONTRACTS.md section 2; `p` and `slope` as PyTorch). */
export const DEFAULTS = {
  stride: 1,
  padding: 0,
  paddingMode: 'zeros',
  dilation: 1,
  flip: false,
  trainable: true,
  countIncludePad: true,
  slope: 0.01,
  p: 0.5,
} as const;

const NAME_PREFIX: Record<LayerType, string> = {
  conv2d: 'conv',
  relu: 'relu',
  leaky_relu: 'leakyrelu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  maxpool2d: 'maxpool',
  avgpool2d: 'avgpool',
  globalavgpool: 'globalavgpool',
  globalmaxpool: 'globalmaxpool',
  flatten: 'flatten',
  dense: 'fc',
  softmax: 'softmax',
  dropout: 'dropout',
};

/** The name a layer gets when the file gives none: `conv2` is the second conv2d layer, `fc1` the first dense. */
export function defaultLayerName(type: LayerType, ordinalOfType: number): string {
  return `${NAME_PREFIX[type]}${ordinalOfType}`;
}

/** A name for a layer the user adds: the type's short name with the first number no layer uses yet. */
export function newLayerName(layers: readonly Layer[], type: LayerType): string {
  const taken = new Set(layers.map((l) => l.name));
  let n = 1;
  while (taken.has(defaultLayerName(type, n))) n++;
  return defaultLayerName(type, n);
}
