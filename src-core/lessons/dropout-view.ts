/**
 * What a dropout layer does while learning, made visible: the seeded keep mask (the same draw the
 * trainer makes from the same seed: dropoutMask) and each value kept x 1/(1-p) or dropped to 0.
 * When evaluating, the layer is the identity; the scaling is what lets it be.
 */
import { dropoutMask, dropoutTrainForward } from '../ops/dropout';
import { createRandom } from '../random';

export interface DropoutView {
  /** 1 keep, 0 drop, one flag per value reaching the layer. */
  readonly mask: Uint8Array;
  /** 1 / (1 - p); 0 when p = 1. */
  readonly scale: number;
  /** The layer's output while learning with this mask. */
  readonly output: Float64Array;
  readonly kept: number;
}

export function dropoutView(input: Float64Array, p: number, seed: number): DropoutView {
  const mask = dropoutMask(input.length, p, createRandom(seed));
  const output = dropoutTrainForward({ shape: [input.length], data: input }, mask, p).data;
  const kept = mask.reduce((n, m) => n + m, 0);
  return { mask, scale: p === 1 ? 0 : 1 / (1 - p), output, kept };
}
