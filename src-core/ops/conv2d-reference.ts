/**
 * The reference engine for conv2d: plain TypeScript loops that follow the formulas in conv2d.ts term by
 * term, skipping zero pad taps. They run where WebAssembly is absent, and they are what the fast path
 * (kernels/conv2d-wasm.ts) is tested against.
 */
import { reuseOrAllocate, zeros, type Tensor } from '../tensor';
import { assertLength, assertShape } from './checks';
import { conv2dDims, tapSources, weightIndex, type Conv2dGradients } from './conv2d-dims';
import type { PaddingMode, WindowGeometry } from './geometry';

/** Forward: C_in x H x W -> C_out x OH x OW. Reuses `out` when it already has that shape. */
export function conv2dForwardReference(
  input: Tensor,
  weight: Tensor,
  bias: Float64Array | null,
  g: WindowGeometry,
  mode: PaddingMode,
  flip: boolean,
  out?: Tensor,
): Tensor {
  const d = conv2dDims(input.shape, weight.shape, g, mode);
  if (bias !== null) assertLength(bias, d.cOut, 'conv2d bias');
  const { cIn, h, w, cOut, kh, kw, oh, ow } = d;
  const [rowOf, colOf] = tapSources(d, g, mode);
  const featureMap = reuseOrAllocate(out, [cOut, oh, ow]);
  const fm = featureMap.data;
  const src = input.data;
  const filters = weight.data;
  fm.fill(0);
  // Loop order (c, i, j) outside (y, x): each cell still sums its taps in the order c, i, j, as its
  // formula is written, and the inner loop runs along rows of memory.
  for (let o = 0; o < cOut; o++) {
    const outPlane = o * oh * ow;
    for (let c = 0; c < cIn; c++) {
      const inPlane = c * h * w;
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const wv = filters[weightIndex(d, flip, o, c, i, j)] ?? 0;
          for (let y = 0; y < oh; y++) {
            const r = rowOf[y * kh + i] ?? -1;
            if (r < 0) continue;
            const inRow = inPlane + r * w;
            const outRow = outPlane + y * ow;
            for (let x = 0; x < ow; x++) {
              const q = colOf[x * kw + j] ?? -1;
              if (q >= 0) fm[outRow + x] = (fm[outRow + x] ?? 0) + wv * (src[inRow + q] ?? 0);
            }
          }
        }
      }
    }
    if (bias !== null) {
      const b = bias[o] ?? 0;
      for (let k = outPlane; k < outPlane + oh * ow; k++) fm[k] = (fm[k] ?? 0) + b;
    }
  }
  return featureMap;
}

/**
 * Backward, given dL/dfeatureMap (C_out x OH x OW):
 *   dL/dfilter[o, c, i, j] = sum over y, x of gradOutput[o, y, x] * padded[c, y*sH + i*dH, x*sW + j*dW]
 *   dL/dinput[c, r, q]     = sum over the taps that read input cell (r, q), directly or through a
 *                            padded copy, of gradOutput[o, y, x] * filter[o, c, i, j]
 * (with flip, tap (i, j) reads filter[o, c, KH-1-i, KW-1-j] and its gradient lands there).
 */
export function conv2dBackwardReference(
  input: Tensor,
  weight: Tensor,
  g: WindowGeometry,
  mode: PaddingMode,
  flip: boolean,
  gradOutput: Tensor,
): Conv2dGradients {
  const d = conv2dDims(input.shape, weight.shape, g, mode);
  const { cIn, h, w, cOut, kh, kw, oh, ow } = d;
  assertShape(gradOutput, [cOut, oh, ow], 'conv2d gradOutput');
  const [rowOf, colOf] = tapSources(d, g, mode);
  const gradInput = zeros([cIn, h, w]);
  const gradWeight = zeros(weight.shape);
  const gradBias = new Float64Array(cOut);
  const src = input.data;
  const filters = weight.data;
  const go = gradOutput.data;
  const gi = gradInput.data;
  const gw = gradWeight.data;
  for (let o = 0; o < cOut; o++) {
    const outPlane = o * oh * ow;
    let sum = 0;
    for (let k = outPlane; k < outPlane + oh * ow; k++) sum += go[k] ?? 0;
    gradBias[o] = sum;
    for (let c = 0; c < cIn; c++) {
      const inPlane = c * h * w;
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const wi = weightIndex(d, flip, o, c, i, j);
          const wv = filters[wi] ?? 0;
          let acc = 0;
          for (let y = 0; y < oh; y++) {
            const r = rowOf[y * kh + i] ?? -1;
            if (r < 0) continue;
            const inRow = inPlane + r * w;
            const outRow = outPlane + y * ow;
            for (let x = 0; x < ow; x++) {
              const q = colOf[x * kw + j] ?? -1;
              if (q < 0) continue;
              const gv = go[outRow + x] ?? 0;
              acc += gv * (src[inRow + q] ?? 0);
              gi[inRow + q] = (gi[inRow + q] ?? 0) + gv * wv;
            }
          }
          gw[wi] = acc;
        }
      }
    }
  }
  return { gradInput, gradWeight, gradBias };
}
