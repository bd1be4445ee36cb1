/**
 * The conv cases of the engine benchmark (the four shapes of STACK-NOTES' speed table), their seeded
 * data, and what our engine computes for them: the forward, and the training step (forward + filter
 * gradient + input gradient + bias gradient) given dL/dfeatureMap.
 */
import { conv2dBackward, conv2dForward } from '../src-core/ops/conv2d';
import type { WindowGeometry } from '../src-core/ops/geometry';
import { createRandom } from '../src-core/random';
import { sizeOf, tensor, type Tensor } from '../src-core/tensor';

export interface ConvCase {
  /** As STACK-NOTES writes it: input C x H x W * filters C_out x C_in x K x K. */
  readonly name: string;
  readonly cIn: number;
  readonly h: number;
  readonly w: number;
  readonly cOut: number;
  readonly k: number;
  /** Zero padding on every side; stride and dilation 1. */
  readonly pad: number;
}

export const CONV_CASES: readonly ConvCase[] = [
  { name: '1x28x28 * 8x1x3x3', cIn: 1, h: 28, w: 28, cOut: 8, k: 3, pad: 0 },
  { name: '3x64x64 * 16x3x3x3 pad 1', cIn: 3, h: 64, w: 64, cOut: 16, k: 3, pad: 1 },
  { name: '1x256x256 * 4x1x5x5', cIn: 1, h: 256, w: 256, cOut: 4, k: 5, pad: 0 },
  { name: '16x32x32 * 32x16x3x3 pad 1', cIn: 16, h: 32, w: 32, cOut: 32, k: 3, pad: 1 },
];

export interface ConvData {
  readonly c: ConvCase;
  readonly input: Tensor;
  readonly weight: Tensor;
  readonly bias: Float64Array;
  /** dL/dfeatureMap, C_out x OH x OW. */
  readonly gradOutput: Tensor;
  readonly geometry: WindowGeometry;
  readonly oh: number;
  readonly ow: number;
}

/** Values uniform in (-1, 1), seeded. */
function uniform(n: number, seed: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length: n }, () => random.next() * 2 - 1);
}

export function convData(c: ConvCase, seed: number): ConvData {
  const oh = c.h + 2 * c.pad - c.k + 1;
  const ow = c.w + 2 * c.pad - c.k + 1;
  const shape = (s: number[]) => tensor(s, uniform(sizeOf(s), seed++));
  return {
    c,
    input: shape([c.cIn, c.h, c.w]),
    weight: shape([c.cOut, c.cIn, c.k, c.k]),
    bias: uniform(c.cOut, seed++),
    gradOutput: shape([c.cOut, oh, ow]),
    geometry: {
      kernelH: c.k,
      kernelW: c.k,
      strideH: 1,
      strideW: 1,
      padTop: c.pad,
      padBottom: c.pad,
      padLeft: c.pad,
      padRight: c.pad,
      dilationH: 1,
      dilationW: 1,
    },
    oh,
    ow,
  };
}

/** What a training step produces, in our layouts (C x H x W, C_out x C_in x KH x KW). */
export interface StepResult {
  readonly output: Float64Array;
  readonly gradInput: Float64Array;
  readonly gradWeight: Float64Array;
  readonly gradBias: Float64Array;
}

export function oursForward(d: ConvData, out?: Tensor): Tensor {
  return conv2dForward(d.input, d.weight, d.bias, d.geometry, 'zeros', false, out);
}

export function oursStep(d: ConvData, out?: Tensor): StepResult {
  const output = oursForward(d, out);
  const g = conv2dBackward(d.input, d.weight, d.geometry, 'zeros', false, d.gradOutput);
  return {
    output: output.data,
    gradInput: g.gradInput.data,
    gradWeight: g.gradWeight.data,
    gradBias: g.gradBias,
  };
}

/** max |actual - expected| over max |expected|: a scale-free error for float32 and float64 peers. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let k = 0; k < expected.length; k++) {
    const e = expected[k] ?? NaN;
    const d = Math.abs((actual[k] ?? NaN) - e);
    diff = d > diff || Number.isNaN(d) ? d : diff;
    scale = Math.max(scale, Math.abs(e));
  }
  return Number.isNaN(diff) ? Infinity : diff / (scale === 0 ? 1 : scale);
}

/** The largest relativeError over the parts of a step. */
export function stepError(actual: StepResult, expected: StepResult): number {
  return Math.max(
    relativeError(actual.output, expected.output),
    relativeError(actual.gradInput, expected.gradInput),
    relativeError(actual.gradWeight, expected.gradWeight),
    relativeError(actual.gradBias, expected.gradBias),
  );
}
