/**
 * Element-wise activations, any shape (a C x H x W feature map stack in the sheet), as PyTorch:
 * F.relu, F.leaky_relu, torch.sigmoid, torch.tanh. Each backward returns dL/dinput shaped like the input.
 * ReLU and leaky ReLU take their derivative from the input, sigmoid and tanh from their output.
 * ReLU's forward runs on a WebAssembly kernel where the engine has them (kernels/maps-wasm.ts), with the
 * same results; the loop below is the reference.
 */
import { reluForwardWasm } from '../kernels/maps-wasm';
import { activeConv2dKernels } from '../kernels/engine';
import { reuseOrAllocate, type Tensor } from '../tensor';
import { scanned, type ValueScan } from '../value-scan';
import { assertShape } from './checks';

export type ActivationKind = 'relu' | 'leaky_relu' | 'sigmoid' | 'tanh';

/** F.leaky_relu's default negative slope. */
export const DEFAULT_LEAKY_SLOPE = 0.01;

/** relu(x) = max(0, x). When `scan` is given, it receives the output's scan (value-scan.ts). */
export function reluForward(input: Tensor, out?: Tensor, scan?: ValueScan): Tensor {
  const result = reuseOrAllocate(out, input.shape);
  const kernels = activeConv2dKernels();
  if (kernels !== null && reluForwardWasm(kernels, input.data, result.data, scan)) return result;
  const x = input.data;
  const y = result.data;
  for (let k = 0; k < x.length; k++) y[k] = Math.max(0, x[k] ?? 0);
  return scanned(result, scan);
}

/** d relu / dx = 1 where x > 0, else 0: at exactly 0 the gradient is 0, as PyTorch's threshold_backward. */
export function reluBackward(input: Tensor, gradOutput: Tensor, out?: Tensor): Tensor {
  assertShape(gradOutput, input.shape, 'relu gradOutput');
  const result = reuseOrAllocate(out, input.shape);
  const x = input.data;
  const gy = gradOutput.data;
  const gx = result.data;
  for (let k = 0; k < x.length; k++) gx[k] = (x[k] ?? 0) > 0 ? (gy[k] ?? 0) : 0;
  return result;
}

/** leaky_relu(x) = x if x > 0, else slope * x. */
export function leakyReluForward(input: Tensor, slope = DEFAULT_LEAKY_SLOPE, out?: Tensor): Tensor {
  const result = reuseOrAllocate(out, input.shape);
  const x = input.data;
  const y = result.data;
  for (let k = 0; k < x.length; k++) {
    const v = x[k] ?? 0;
    y[k] = v > 0 ? v : v * slope;
  }
  return result;
}

/** d leaky_relu / dx = 1 if x > 0, else slope (so slope at exactly 0, as PyTorch). */
export function leakyReluBackward(
  input: Tensor,
  gradOutput: Tensor,
  slope = DEFAULT_LEAKY_SLOPE,
  out?: Tensor,
): Tensor {
  assertShape(gradOutput, input.shape, 'leaky_relu gradOutput');
  const result = reuseOrAllocate(out, input.shape);
  const x = input.data;
  const gy = gradOutput.data;
  const gx = result.data;
  for (let k = 0; k < x.length; k++) {
    const g = gy[k] ?? 0;
    gx[k] = (x[k] ?? 0) > 0 ? g : g * slope;
  }
  return result;
}

/** sigmoid(x) = 1 / (1 + exp(-x)). */
export function sigmoidForward(input: Tensor, out?: Tensor): Tensor {
  const result = reuseOrAllocate(out, input.shape);
  const x = input.data;
  const y = result.data;
  for (let k = 0; k < x.length; k++) y[k] = 1 / (1 + Math.exp(-(x[k] ?? 0)));
  return result;
}

/** d sigmoid / dx = s (1 - s), from the forward's output s; as PyTorch, gradOutput * (1 - s) * s. */
export function sigmoidBackward(output: Tensor, gradOutput: Tensor, out?: Tensor): Tensor {
  assertShape(gradOutput, output.shape, 'sigmoid gradOutput');
  const result = reuseOrAllocate(out, output.shape);
  const s = output.data;
  const gy = gradOutput.data;
  const gx = result.data;
  for (let k = 0; k < s.length; k++) {
    const v = s[k] ?? 0;
    gx[k] = (gy[k] ?? 0) * (1 - v) * v;
  }
  return result;
}

/** tanh(x) = (e^x - e^-x) / (e^x + e^-x). */
export function tanhForward(input: Tensor, out?: Tensor): Tensor {
  const result = reuseOrAllocate(out, input.shape);
  const x = input.data;
  const y = result.data;
  for (let k = 0; k < x.length; k++) y[k] = Math.tanh(x[k] ?? 0);
  return result;
}

/** d tanh / dx = 1 - t^2, from the forward's output t. */
export function tanhBackward(output: Tensor, gradOutput: Tensor, out?: Tensor): Tensor {
  assertShape(gradOutput, output.shape, 'tanh gradOutput');
  const result = reuseOrAllocate(out, output.shape);
  const t = output.data;
  const gy = gradOutput.data;
  const gx = result.data;
  for (let k = 0; k < t.length; k++) {
    const v = t[k] ?? 0;
    gx[k] = (gy[k] ?? 0) * (1 - v * v);
  }
  return result;
}

/**
 * Any activation by name, for a pipeline that holds the kind as data. `slope` is used by leaky_relu
 * only. When `scan` is given, it receives the output's scan.
 */
export function activationForward(
  kind: ActivationKind,
  input: Tensor,
  slope = DEFAULT_LEAKY_SLOPE,
  out?: Tensor,
  scan?: ValueScan,
): Tensor {
  switch (kind) {
    case 'relu':
      return reluForward(input, out, scan);
    case 'leaky_relu':
      return scanned(leakyReluForward(input, slope, out), scan);
    case 'sigmoid':
      return scanned(sigmoidForward(input, out), scan);
    case 'tanh':
      return scanned(tanhForward(input, out), scan);
  }
}

/** dL/dinput for any activation by name, given its forward's input and output and dL/doutput. */
export function activationBackward(
  kind: ActivationKind,
  input: Tensor,
  output: Tensor,
  gradOutput: Tensor,
  slope = DEFAULT_LEAKY_SLOPE,
  out?: Tensor,
): Tensor {
  switch (kind) {
    case 'relu':
      return reluBackward(input, gradOutput, out);
    case 'leaky_relu':
      return leakyReluBackward(input, gradOutput, slope, out);
    case 'sigmoid':
      return sigmoidBackward(output, gradOutput, out);
    case 'tanh':
      return tanhBackward(output, gradOutput, out);
  }
}
