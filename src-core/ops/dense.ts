/**
 * dense, as F.linear on one example: scores[o] = sum over k of weight[o, k] * x[k] + bias[o], where x is
 * the input flattened row-major (any shape with IN values: a C x H x W stack is used as is, like
 * torch.flatten). Shapes: weight OUT x IN, bias OUT, output OUT x 1 x 1.
 */
import { formatShape, reuseOrAllocate, zeros, type Tensor } from '../tensor';
import { assertLength, assertShape } from './checks';

function denseDims(input: Tensor, weight: Tensor): [number, number] {
  const [outFeatures, inFeatures] = weight.shape;
  if (weight.shape.length !== 2 || outFeatures === undefined || inFeatures === undefined) {
    throw new RangeError(`dense weight must be OUT x IN, got ${formatShape(weight.shape)}`);
  }
  if (input.data.length !== inFeatures) {
    throw new RangeError(
      `dense weight takes ${inFeatures} inputs but the input ${formatShape(input.shape)} holds ${input.data.length}`,
    );
  }
  return [outFeatures, inFeatures];
}

/** Forward: input (IN values, any shape) -> OUT x 1 x 1. */
export function denseForward(input: Tensor, weight: Tensor, bias: Float64Array | null, out?: Tensor): Tensor {
  const [outFeatures, inFeatures] = denseDims(input, weight);
  if (bias !== null) assertLength(bias, outFeatures, 'dense bias');
  const result = reuseOrAllocate(out, [outFeatures, 1, 1]);
  const x = input.data;
  const wd = weight.data;
  for (let o = 0; o < outFeatures; o++) {
    let sum = 0;
    const row = o * inFeatures;
    for (let k = 0; k < inFeatures; k++) sum += (wd[row + k] ?? 0) * (x[k] ?? 0);
    result.data[o] = bias === null ? sum : sum + (bias[o] ?? 0);
  }
  return result;
}

export interface DenseGradients {
  /** dL/dinput[k] = sum over o of gradOutput[o] * weight[o, k], shaped like the input given. */
  readonly gradInput: Tensor;
  /** dL/dweight[o, k] = gradOutput[o] * x[k], OUT x IN. */
  readonly gradWeight: Tensor;
  /** dL/dbias[o] = gradOutput[o], OUT. */
  readonly gradBias: Float64Array;
}

/** Backward, given dL/doutput (OUT x 1 x 1, or any shape holding OUT values). */
export function denseBackward(input: Tensor, weight: Tensor, gradOutput: Tensor): DenseGradients {
  const [outFeatures, inFeatures] = denseDims(input, weight);
  if (gradOutput.data.length !== outFeatures)
    assertShape(gradOutput, [outFeatures, 1, 1], 'dense gradOutput');
  const gradInput = zeros(input.shape);
  const gradWeight = zeros(weight.shape);
  const gradBias = Float64Array.from(gradOutput.data);
  const x = input.data;
  const wd = weight.data;
  const gi = gradInput.data;
  const gw = gradWeight.data;
  for (let o = 0; o < outFeatures; o++) {
    const g = gradOutput.data[o] ?? 0;
    const row = o * inFeatures;
    for (let k = 0; k < inFeatures; k++) {
      gw[row + k] = g * (x[k] ?? 0);
      gi[k] = (gi[k] ?? 0) + g * (wd[row + k] ?? 0);
    }
  }
  return { gradInput, gradWeight, gradBias };
}
