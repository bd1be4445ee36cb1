/**
 * The sizes of one conv2d call, checked once and shared by the reference loops (conv2d-reference.ts),
 * the WebAssembly path (kernels/conv2d-wasm.ts) and the formula taps (conv2d.ts).
 */
import { formatShape, type Tensor } from '../tensor';
import { shape3d, windowOutput } from './checks';
import type { PaddingMode, WindowGeometry } from './geometry';
import { assertPadding, paddedSource } from './padding';

export interface Conv2dDims {
  readonly cIn: number;
  readonly h: number;
  readonly w: number;
  readonly cOut: number;
  readonly kh: number;
  readonly kw: number;
  readonly oh: number;
  readonly ow: number;
}

export interface Conv2dGradients {
  /** dL/dinput, C_in x H x W: the padded cells' gradients added back to the input cells they copy. */
  readonly gradInput: Tensor;
  /** dL/dfilter, C_out x C_in x KH x KW, in the stored (unflipped) layout. */
  readonly gradWeight: Tensor;
  /** dL/dbias, C_out: the sum of gradOutput over each feature map. */
  readonly gradBias: Float64Array;
}

/** The last call's arguments and answer: a training loop asks the same question every step. */
let last: {
  input: number[];
  weight: number[];
  g: WindowGeometry;
  mode: PaddingMode;
  dims: Conv2dDims;
} | null = null;

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, k) => v === b[k]);
}

function sameGeometry(a: WindowGeometry, b: WindowGeometry): boolean {
  return (
    a.kernelH === b.kernelH &&
    a.kernelW === b.kernelW &&
    a.strideH === b.strideH &&
    a.strideW === b.strideW &&
    a.padTop === b.padTop &&
    a.padBottom === b.padBottom &&
    a.padLeft === b.padLeft &&
    a.padRight === b.padRight &&
    a.dilationH === b.dilationH &&
    a.dilationW === b.dilationW
  );
}

/** The sizes of a call, after checking that shapes, geometry and padding mode fit together. */
export function conv2dDims(
  inputShape: readonly number[],
  weightShape: readonly number[],
  g: WindowGeometry,
  mode: PaddingMode,
): Conv2dDims {
  if (
    last !== null &&
    last.mode === mode &&
    sameNumbers(last.input, inputShape) &&
    sameNumbers(last.weight, weightShape) &&
    sameGeometry(last.g, g)
  ) {
    return last.dims;
  }
  const [cIn, h, w] = shape3d(inputShape, 'conv2d input');
  const [cOut, wIn, kh, kw] = weightShape;
  if (weightShape.length !== 4 || cOut === undefined || kh === undefined || kw === undefined) {
    throw new RangeError(
      `conv2d filter bank must be C_out x C_in x KH x KW, got ${formatShape(weightShape)}`,
    );
  }
  if (wIn !== cIn) {
    throw new RangeError(`conv2d filters have ${wIn} input channels but the input has ${cIn}`);
  }
  if (kh !== g.kernelH || kw !== g.kernelW) {
    throw new RangeError(
      `conv2d filters are ${kh} x ${kw} but the geometry says ${g.kernelH} x ${g.kernelW}`,
    );
  }
  assertPadding(h, w, g, mode);
  const [oh, ow] = windowOutput(h, w, g, 'conv2d');
  const dims = { cIn, h, w, cOut, kh, kw, oh, ow };
  last = { input: [...inputShape], weight: [...weightShape], g: { ...g }, mode, dims };
  return dims;
}

/**
 * Index maps shared by every (channel, filter) pair of one call: rowOf[y * KH + i] is the input row
 * that output row y reads at filter row i (-1 for a zero pad row); colOf[x * KW + j] likewise.
 */
export function tapSources(d: Conv2dDims, g: WindowGeometry, mode: PaddingMode): [Int32Array, Int32Array] {
  const rowOf = new Int32Array(d.oh * d.kh);
  for (let y = 0; y < d.oh; y++) {
    for (let i = 0; i < d.kh; i++) {
      rowOf[y * d.kh + i] = paddedSource(y * g.strideH + i * g.dilationH, d.h, g.padTop, mode);
    }
  }
  const colOf = new Int32Array(d.ow * d.kw);
  for (let x = 0; x < d.ow; x++) {
    for (let j = 0; j < d.kw; j++) {
      colOf[x * d.kw + j] = paddedSource(x * g.strideW + j * g.dilationW, d.w, g.padLeft, mode);
    }
  }
  return [rowOf, colOf];
}

/** Flat index into the filter bank of the weight that window tap (i, j) multiplies. */
export function weightIndex(
  d: Conv2dDims,
  flip: boolean,
  o: number,
  c: number,
  i: number,
  j: number,
): number {
  const ki = flip ? d.kh - 1 - i : i;
  const kj = flip ? d.kw - 1 - j : j;
  return ((o * d.cIn + c) * d.kh + ki) * d.kw + kj;
}
