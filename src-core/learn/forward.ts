/**
 * The forward pass while learning: the workbook's pipeline on an example's input rather than on the
 * workbook's own input, with dropout applied through seeded masks (F.dropout(training=True)). Without
 * masks it computes exactly what the sheet shows (dropout is the identity when evaluating).
 */
import { dropoutMask, dropoutTrainForward } from '../ops';
import type { Random } from '../random';
import { reuseOrAllocate, sizeOf, type Tensor } from '../tensor';
import { layerForward, type Evaluation } from '../sheet/evaluate';
import type { ResolvedWorkbook } from '../sheet/shapes';
import type { DropoutMasks } from './backprop';

/**
 * Every layer's output for `input` (C x H x W, the workbook's input shape). `previous`, an earlier
 * pass of the same pipeline, lends its buffers, so a batch allocates once.
 */
export function forwardPass(
  resolved: ResolvedWorkbook,
  input: Tensor,
  masks?: DropoutMasks,
  previous?: Evaluation,
): Evaluation {
  const outputs: Tensor[] = [];
  const argmax: (Int32Array | undefined)[] = [];
  let x = input;
  resolved.layers.forEach((r, k) => {
    const kept = previous?.outputs[k];
    let winners: Int32Array | undefined;
    if (r.type === 'maxpool2d') {
      const n = sizeOf(r.outputShape);
      const old = previous?.argmax[k];
      winners = old !== undefined && old.length === n ? old : new Int32Array(n);
    }
    const mask = masks?.get(k);
    const y =
      r.type === 'dropout' && mask !== undefined
        ? dropoutTrainForward(x, mask, r.layer.p, reuseOrAllocate(kept, r.outputShape))
        : layerForward(r, x, kept, winners);
    outputs.push(y);
    argmax.push(winners);
    x = y;
  });
  return { input, outputs, argmax };
}

/**
 * Fresh dropout masks for one example: one keep flag per value reaching each dropout layer, drawn in
 * layer order from `random` (dropoutMask: kept when a draw is >= p). None when there is no dropout.
 */
export function drawDropoutMasks(resolved: ResolvedWorkbook, random: Random): Map<number, Uint8Array> {
  const masks = new Map<number, Uint8Array>();
  for (const r of resolved.layers) {
    if (r.type !== 'dropout') continue;
    masks.set(r.index, dropoutMask(sizeOf(r.inputShape), r.layer.p, random));
  }
  return masks;
}

/** True when the pipeline has a dropout layer, so learning needs masks. */
export function hasDropout(resolved: ResolvedWorkbook): boolean {
  return resolved.layers.some((r) => r.type === 'dropout');
}
