/**
 * softmax, as F.softmax(x.flatten(), dim=0) reshaped back: over every value of the input at once,
 * p[k] = exp(x[k] - m) / sum over j of exp(x[j] - m), with m = max of x. Subtracting m changes nothing
 * mathematically and keeps exp from overflowing. The output has the input's shape.
 */
import { reuseOrAllocate, type Tensor } from '../tensor';
import { assertShape } from './checks';

export function softmaxForward(input: Tensor, out?: Tensor): Tensor {
  const result = reuseOrAllocate(out, input.shape);
  const x = input.data;
  const p = result.data;
  let m = -Infinity;
  for (let k = 0; k < x.length; k++) m = Math.max(m, x[k] ?? 0);
  let sum = 0;
  for (let k = 0; k < x.length; k++) {
    const e = Math.exp((x[k] ?? 0) - m);
    p[k] = e;
    sum += e;
  }
  // PyTorch multiplies by the reciprocal of the sum rather than dividing each term.
  const scale = 1 / sum;
  for (let k = 0; k < p.length; k++) p[k] = (p[k] ?? 0) * scale;
  return result;
}

/** dL/dx[k] = p[k] * (g[k] - sum over j of g[j] * p[j]), from the forward's output p and g = dL/dp. */
export function softmaxBackward(output: Tensor, gradOutput: Tensor, out?: Tensor): Tensor {
  assertShape(gradOutput, output.shape, 'softmax gradOutput');
  const result = reuseOrAllocate(out, output.shape);
  const p = output.data;
  const g = gradOutput.data;
  let dot = 0;
  for (let k = 0; k < p.length; k++) dot += (g[k] ?? 0) * (p[k] ?? 0);
  for (let k = 0; k < p.length; k++) result.data[k] = (p[k] ?? 0) * ((g[k] ?? 0) - dot);
  return result;
}
