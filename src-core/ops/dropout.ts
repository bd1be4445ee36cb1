/**
 * dropout with drop probability p (0 <= p <= 1), as F.dropout:
 *   evaluating (training=False): the identity;
 *   learning: y[k] = x[k] * mask[k] / (1 - p), where mask[k] is 1 (keep, probability 1 - p) or 0.
 * Scaling the kept values by 1/(1-p) keeps each value's expectation equal to the input, so the
 * evaluation-time identity needs no rescaling. With p = 1 every value is dropped and the output is 0.
 */
import type { Random } from '../random';
import { reuseOrAllocate, type Tensor } from '../tensor';
import { assertLength } from './checks';

/** A mask of keep flags, one per value: nonzero keeps. */
export type DropoutMask = Uint8Array | Float64Array;

function keepScale(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`dropout probability p must be in [0, 1], got ${p}`);
  return p === 1 ? 0 : 1 / (1 - p);
}

/** Evaluation: the identity (a copy into `out`, so the sheet's buffers never alias). */
export function dropoutForward(input: Tensor, out?: Tensor): Tensor {
  const result = reuseOrAllocate(out, input.shape);
  result.data.set(input.data);
  return result;
}

/** Evaluation backward: the gradient passes through unchanged. */
export function dropoutBackward(gradOutput: Tensor, out?: Tensor): Tensor {
  return dropoutForward(gradOutput, out);
}

/** Learning: y[k] = mask[k] ? x[k] * (1 / (1 - p)) : 0. */
export function dropoutTrainForward(input: Tensor, mask: DropoutMask, p: number, out?: Tensor): Tensor {
  assertLength(mask, input.data.length, 'dropout mask');
  const scale = keepScale(p);
  const result = reuseOrAllocate(out, input.shape);
  const x = input.data;
  const y = result.data;
  for (let k = 0; k < x.length; k++) y[k] = mask[k] ? (x[k] ?? 0) * scale : 0;
  return result;
}

/** Learning backward, with the forward's mask: dL/dx[k] = mask[k] ? dL/dy[k] / (1 - p) : 0. */
export function dropoutTrainBackward(gradOutput: Tensor, mask: DropoutMask, p: number, out?: Tensor): Tensor {
  assertLength(mask, gradOutput.data.length, 'dropout mask');
  const scale = keepScale(p);
  const result = reuseOrAllocate(out, gradOutput.shape);
  const gy = gradOutput.data;
  const gx = result.data;
  for (let k = 0; k < gy.length; k++) gx[k] = mask[k] ? (gy[k] ?? 0) * scale : 0;
  return result;
}

/**
 * A seeded mask of `size` keep flags: value k is kept when random.next() >= p, which happens with
 * probability 1 - p. Draws exactly `size` numbers from `random`, in order, so a run repeats from its seed.
 */
export function dropoutMask(size: number, p: number, random: Random, into?: Uint8Array): Uint8Array {
  keepScale(p);
  const mask = into !== undefined && into.length === size ? into : new Uint8Array(size);
  for (let k = 0; k < size; k++) mask[k] = random.next() >= p ? 1 : 0;
  return mask;
}
