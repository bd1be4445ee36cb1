/**
 * Global pooling: one value per channel, C x H x W -> C x 1 x 1.
 *   globalAvgPool = x.mean((-2, -1), keepdim=True)
 *   globalMaxPool = x.amax((-2, -1), keepdim=True)
 * Unlike max_pool2d, amax's backward shares the gradient evenly among tied maxima (each of n tied cells
 * gets gradOutput / n), so these two max operations differ on ties.
 */
import { reuseOrAllocate, zeros, type Tensor } from '../tensor';
import { assertShape, shape3d } from './checks';

/** featureMap[c] = (sum of channel c) / (H * W). */
export function globalAvgPoolForward(input: Tensor, out?: Tensor): Tensor {
  const [c, h, w] = shape3d(input.shape, 'globalavgpool input');
  const result = reuseOrAllocate(out, [c, 1, 1]);
  const n = h * w;
  const src = input.data;
  for (let ch = 0; ch < c; ch++) {
    let sum = 0;
    for (let k = ch * n; k < (ch + 1) * n; k++) sum += src[k] ?? 0;
    result.data[ch] = sum / n;
  }
  return result;
}

/** dL/dinput[c, y, x] = gradOutput[c] / (H * W). */
export function globalAvgPoolBackward(input: Tensor, gradOutput: Tensor): Tensor {
  const [c, h, w] = shape3d(input.shape, 'globalavgpool input');
  assertShape(gradOutput, [c, 1, 1], 'globalavgpool gradOutput');
  const gradInput = zeros(input.shape);
  const n = h * w;
  for (let ch = 0; ch < c; ch++) gradInput.data.fill((gradOutput.data[ch] ?? 0) / n, ch * n, (ch + 1) * n);
  return gradInput;
}

/** featureMap[c] = max of channel c (NaN if the channel holds one, as torch.amax). */
export function globalMaxPoolForward(input: Tensor, out?: Tensor): Tensor {
  const [c, h, w] = shape3d(input.shape, 'globalmaxpool input');
  const result = reuseOrAllocate(out, [c, 1, 1]);
  const n = h * w;
  const src = input.data;
  for (let ch = 0; ch < c; ch++) {
    let best = -Infinity;
    for (let k = ch * n; k < (ch + 1) * n; k++) {
      const v = src[k] ?? 0;
      if (v > best || Number.isNaN(v)) best = v;
      if (Number.isNaN(best)) break;
    }
    result.data[ch] = best;
  }
  return result;
}

/**
 * dL/dinput of amax: gradOutput[c] / n on each of the n cells equal to channel c's maximum, 0 elsewhere.
 * Pass the forward's `output` to skip recomputing the maxima.
 */
export function globalMaxPoolBackward(input: Tensor, gradOutput: Tensor, output?: Tensor): Tensor {
  const [c, h, w] = shape3d(input.shape, 'globalmaxpool input');
  assertShape(gradOutput, [c, 1, 1], 'globalmaxpool gradOutput');
  const maxima = output ?? globalMaxPoolForward(input);
  assertShape(maxima, [c, 1, 1], 'globalmaxpool output');
  const gradInput = zeros(input.shape);
  const n = h * w;
  const src = input.data;
  const gi = gradInput.data;
  for (let ch = 0; ch < c; ch++) {
    const best = maxima.data[ch] ?? 0;
    let ties = 0;
    for (let k = ch * n; k < (ch + 1) * n; k++) if (src[k] === best) ties++;
    if (ties === 0) continue;
    const share = (gradOutput.data[ch] ?? 0) / ties;
    for (let k = ch * n; k < (ch + 1) * n; k++) if (src[k] === best) gi[k] = share;
  }
  return gradInput;
}
