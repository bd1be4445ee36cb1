/**
 * torch.flatten: C x H x W -> (C*H*W) x 1 x 1, row-major, so element [c, y, x] lands at
 * (c * H + y) * W + x. The values do not move; only the shape changes. The output keeps the 3-D
 * C x H x W form (with H = W = 1) so every layer of the sheet speaks the same shape.
 */
import { formatShape, reuseOrAllocate, sizeOf, type Tensor } from '../tensor';

/** Forward: any shape -> N x 1 x 1 with N = its number of values (a copy into `out` when given). */
export function flattenForward(input: Tensor, out?: Tensor): Tensor {
  const result = reuseOrAllocate(out, [input.data.length, 1, 1]);
  result.data.set(input.data);
  return result;
}

/** Backward (and the inverse reshape): dL/doutput, N x 1 x 1, back to `inputShape`. */
export function flattenBackward(inputShape: readonly number[], gradOutput: Tensor, out?: Tensor): Tensor {
  if (sizeOf(inputShape) !== gradOutput.data.length) {
    throw new RangeError(
      `cannot reshape ${formatShape(gradOutput.shape)} to ${formatShape(inputShape)}: sizes differ`,
    );
  }
  const result = reuseOrAllocate(out, inputShape);
  result.data.set(gradOutput.data);
  return result;
}

/** The (c, y, x) of flat position k of a flattened C x H x W stack: where a dense weight's input comes from. */
export function unflattenIndex(inputShape: readonly number[], k: number): [number, number, number] {
  const [, h = 1, w = 1] = inputShape;
  return [Math.floor(k / (h * w)), Math.floor(k / w) % h, k % w];
}
