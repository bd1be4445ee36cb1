/**
 * A convolution as matrix multiplication, as frameworks compute it (im2col): every window position's
 * input values, flattened, become one row of the patch matrix (OH*OW x C_in*KH*KW); every filter,
 * flattened the same way, one column of the filter matrix (C_in*KH*KW x C_out). Their product, plus
 * the bias in every row, holds each output channel in a column:
 *
 *   output[o, y, x] = sum over k of patch[y*OW + x, k] * filter[k, o] + bias[o]
 *
 * One row times one column is a single output cell as a dot product of two flattened vectors.
 * Column k is filter position k as stored (channel, row, column), so with `flip` the patch row holds
 * the value each stored weight multiplies.
 */
import { conv2dTaps } from '../ops/conv2d';
import type { ResolvedLayer } from '../sheet/shapes';

type ConvLayer = Extract<ResolvedLayer, { type: 'conv2d' }>;

/** A rows x cols matrix, row-major. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** The patch matrix of `input` (C_in x H x W, the layer's input values): OH*OW x C_in*KH*KW. */
export function patchMatrix(r: ConvLayer, input: Float64Array): Matrix {
  const [, cin, kh, kw] = r.layer.weight.shape;
  const [, oh, ow] = r.outputShape;
  const cols = cin * kh * kw;
  const data = new Float64Array(oh * ow * cols);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const row = (y * ow + x) * cols;
      const taps = conv2dTaps(
        r.inputShape,
        r.layer.weight.shape,
        r.geometry,
        r.layer.paddingMode,
        r.layer.flip,
        0,
        y,
        x,
      );
      // For filter 0, weightIndex is the weight's place within one filter: the column.
      for (const t of taps) data[row + t.weightIndex] = t.source === null ? 0 : (input[t.source.index] ?? 0);
    }
  }
  return { rows: oh * ow, cols, data };
}

/** The filter matrix: C_in*KH*KW x C_out, column o the filter o flattened row-major. */
export function filterMatrix(r: ConvLayer): Matrix {
  const [out, cin, kh, kw] = r.layer.weight.shape;
  const k = cin * kh * kw;
  const weights = r.layer.weight.data;
  const data = new Float64Array(k * out);
  for (let o = 0; o < out; o++) for (let i = 0; i < k; i++) data[i * out + o] = weights?.[o * k + i] ?? 0;
  return { rows: k, cols: out, data };
}

/** patch x filters + bias: OH*OW x C_out, column o being output channel o read row-major. */
export function im2colProduct(r: ConvLayer, patches: Matrix, filters: Matrix): Matrix {
  const bias = r.layer.bias.data;
  const data = new Float64Array(patches.rows * filters.cols);
  for (let p = 0; p < patches.rows; p++) {
    for (let o = 0; o < filters.cols; o++) {
      let s = 0;
      for (let k = 0; k < patches.cols; k++) {
        s += (patches.data[p * patches.cols + k] ?? 0) * (filters.data[k * filters.cols + o] ?? 0);
      }
      data[p * filters.cols + o] = s + (bias?.[o] ?? 0);
    }
  }
  return { rows: patches.rows, cols: filters.cols, data };
}

/** Row `row` of a matrix, as a new array. */
export function matrixRow(m: Matrix, row: number): Float64Array {
  return m.data.slice(row * m.cols, (row + 1) * m.cols);
}

/** Column `col` of a matrix, as a new array. */
export function matrixColumn(m: Matrix, col: number): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + col] ?? 0;
  return out;
}

/** The 180-degree rotation of a KH x KW kernel (row-major): what a true convolution slides. */
export function rotate180(values: ArrayLike<number>, kh: number, kw: number): Float64Array {
  const out = new Float64Array(kh * kw);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++) out[i * kw + j] = values[(kh - 1 - i) * kw + (kw - 1 - j)] ?? 0;
  return out;
}
