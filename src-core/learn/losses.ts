/**
 * The loss of one example, as CONTRACTS.md section 1 defines the three losses, and whether the
 * network's answer to it is right. A batch's loss is the mean of these (see minibatch.ts).
 *
 *   mse: F.mse_loss(final output, target), the mean of (o - t)^2 over the output's values;
 *   bce: F.binary_cross_entropy_with_logits on the single final value, label 0 or 1;
 *   ce:  F.cross_entropy on the final output flattened as logits, integer label; when the last layer
 *        is a softmax, the logits are the values entering it (PyTorch's cross_entropy applies its own
 *        log-softmax, so a network ending in softmax is trained on what feeds the softmax).
 */
import { bce, ce, mse } from '../ops/loss';
import type { Tensor } from '../tensor';
import type { ResolvedWorkbook } from '../sheet/shapes';
import type { Evaluation } from '../sheet/evaluate';
import type { Example } from './example-set';

export type LossName = 'mse' | 'bce' | 'ce';

export const LOSS_NAMES: readonly LossName[] = ['mse', 'bce', 'ce'];

/** What each loss needs of an example, for messages. */
export const LOSS_NEEDS: Readonly<Record<LossName, string>> = {
  mse: 'a "target" shaped like the final output',
  bce: 'a "label" 0 or 1 and a single final output',
  ce: 'a class "label" below the number of final outputs',
};

/**
 * How many layers the loss is taken after: all of them, except for ce on a network ending in a softmax
 * (then the loss reads the softmax's input). Backpropagation starts from the same place.
 */
export function lossEnd(resolved: ResolvedWorkbook, loss: LossName): number {
  const n = resolved.layers.length;
  const last = resolved.layers[n - 1];
  return loss === 'ce' && last?.type === 'softmax' ? n - 1 : n;
}

/** The tensor the loss is taken on: the output of layer `end - 1`, or the input when `end` is 0. */
export function lossInput(evaluation: Evaluation, end: number): Tensor {
  return end === 0 ? evaluation.input : (evaluation.outputs[end - 1] ?? evaluation.input);
}

export interface ExampleLoss {
  readonly loss: number;
  /** dLoss/d(loss input), shaped like it. */
  readonly grad: Tensor;
  /** Whether the prediction matches the label (bce: logit > 0 means class 1; ce: the largest logit); null for mse. */
  readonly correct: boolean | null;
}

/**
 * The loss of one example from the values the loss reads (`output`: final output, or the logits
 * before a final softmax for ce). The example must fit (example-fit.ts checks that beforehand).
 */
export function exampleLoss(output: Tensor, example: Example, loss: LossName, gradOut?: Tensor): ExampleLoss {
  switch (loss) {
    case 'mse': {
      if (example.target === null) throw new RangeError('mse needs a target');
      const r = mse(output, { shape: output.shape, data: example.target.data }, gradOut);
      return { ...r, correct: null };
    }
    case 'bce': {
      const label = labelOf(example);
      const r = bce(output, label, gradOut);
      // sigmoid(x) > 0.5 exactly when x > 0.
      return { ...r, correct: (output.data[0] ?? 0) > 0 === (label === 1) };
    }
    case 'ce': {
      const label = labelOf(example);
      const r = ce(output, label, gradOut);
      return { ...r, correct: predictedClass(output) === label };
    }
  }
}

/** The class the network picks: the index of the largest logit, the first one on ties (torch.argmax). */
export function predictedClass(logits: Tensor): number {
  let best = 0;
  for (let k = 1; k < logits.data.length; k++) {
    if ((logits.data[k] ?? -Infinity) > (logits.data[best] ?? -Infinity)) best = k;
  }
  return best;
}

function labelOf(example: Example): number {
  if (example.label === null) throw new RangeError('this loss needs a label');
  return example.label;
}
