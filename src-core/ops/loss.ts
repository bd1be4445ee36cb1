/**
 * Losses on one example, each returning the loss and grad = dLoss/doutput shaped like the output.
 *
 * A batch's loss is the mean of its examples' losses (reduction 'mean', as PyTorch), and its gradient
 * with respect to each example's output is that example's grad divided by the batch size. For mse
 * this equals F.mse_loss over the whole batch: every example has the same number of values N, so the
 * mean of per-example means over N is the mean over all batch * N values.
 */
import { formatShape, reuseOrAllocate, type Tensor } from '../tensor';
import { assertShape } from './checks';

export interface LossResult {
  /** The loss of this example. */
  readonly loss: number;
  /** dLoss/doutput, shaped like the output. */
  readonly grad: Tensor;
}

/**
 * F.mse_loss(output, target) with reduction 'mean': loss = (1/N) * sum of (o - t)^2 over the N values;
 * grad = (2/N) * (o - t).
 */
export function mse(output: Tensor, target: Tensor, gradOut?: Tensor): LossResult {
  assertShape(target, output.shape, 'mse target');
  const n = output.data.length;
  const grad = reuseOrAllocate(gradOut, output.shape);
  const norm = 2 / n;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const diff = (output.data[k] ?? 0) - (target.data[k] ?? 0);
    sum += diff * diff;
    grad.data[k] = norm * diff;
  }
  return { loss: sum / n, grad };
}

function assertLabel(label: number, classes: number, what: string): void {
  if (!Number.isInteger(label) || label < 0 || label >= classes) {
    throw new RangeError(`${what} label must be an integer in 0..${classes - 1}, got ${label}`);
  }
}

/**
 * F.binary_cross_entropy_with_logits on the single output value x (a logit) with label y in {0, 1}:
 *   loss = -(y log sigmoid(x) + (1 - y) log(1 - sigmoid(x))) = max(x, 0) - x*y + log(1 + exp(-|x|)),
 * the second form never overflowing; grad = sigmoid(x) - y.
 */
export function bce(output: Tensor, label: number, gradOut?: Tensor): LossResult {
  if (output.data.length !== 1) {
    throw new RangeError(`bce needs a single output value, got ${formatShape(output.shape)}`);
  }
  assertLabel(label, 2, 'bce');
  const x = output.data[0] ?? 0;
  const loss = Math.max(x, 0) - x * label + Math.log1p(Math.exp(-Math.abs(x)));
  const grad = reuseOrAllocate(gradOut, output.shape);
  grad.data[0] = 1 / (1 + Math.exp(-x)) - label;
  return { loss, grad };
}

/**
 * F.cross_entropy on the output flattened to a vector of logits z, with an integer class label:
 *   loss = logsumexp(z) - z[label], where logsumexp(z) = m + log(sum of exp(z[k] - m)), m = max z;
 *   grad[k] = softmax(z)[k] - (k === label ? 1 : 0).
 */
export function ce(output: Tensor, label: number, gradOut?: Tensor): LossResult {
  const z = output.data;
  assertLabel(label, z.length, 'ce');
  let m = -Infinity;
  for (let k = 0; k < z.length; k++) m = Math.max(m, z[k] ?? 0);
  let sum = 0;
  for (let k = 0; k < z.length; k++) sum += Math.exp((z[k] ?? 0) - m);
  const logSum = Math.log(sum);
  const grad = reuseOrAllocate(gradOut, output.shape);
  for (let k = 0; k < z.length; k++) {
    // exp of the log-softmax, as PyTorch's log_softmax backward forms it.
    grad.data[k] = Math.exp((z[k] ?? 0) - m - logSum) - (k === label ? 1 : 0);
  }
  return { loss: logSum - ((z[label] ?? 0) - m), grad };
}
