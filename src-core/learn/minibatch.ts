/**
 * The loss and gradient of a batch of examples, as PyTorch's mean reduction defines them: the batch
 * loss is the mean of the B examples' losses, so its gradient is the sum of the per-example gradients
 * divided by B. Each example is a forward pass, its loss, and backpropagation (backprop.ts) from dL/d
 * (the values the loss reads) scaled by 1/B, as autograd scales it.
 */
import type { Random } from '../random';
import type { Tensor } from '../tensor';
import type { Evaluation } from '../sheet/evaluate';
import type { ResolvedWorkbook } from '../sheet/shapes';
import { backward, type DropoutMasks, type ParameterGradients } from './backprop';
import type { Example } from './example-set';
import { drawDropoutMasks, forwardPass, hasDropout } from './forward';
import { exampleLoss, lossEnd, lossInput, type LossName } from './losses';

export interface BatchMeasure {
  /** Mean loss over the batch. */
  readonly loss: number;
  /** Share of the batch predicted right (0..1); null for mse, which has no classes. */
  readonly accuracy: number | null;
}

export interface BatchGradients extends BatchMeasure {
  /** Per layer: dL/dweight and dL/dbias of the batch loss, or null for a layer without weights. */
  readonly layers: (ParameterGradients | null)[];
}

/**
 * Where dropout masks come from: a generator drawing fresh masks for every example (learning), or
 * fixed masks per example index (the gradient check, which must see the same network every time).
 * Without either, dropout is the identity.
 */
export type MaskSource = Random | ((example: number) => DropoutMasks | undefined);

function masksFor(
  resolved: ResolvedWorkbook,
  source: MaskSource | undefined,
): (i: number) => DropoutMasks | undefined {
  if (source === undefined || !hasDropout(resolved)) return () => undefined;
  if (typeof source === 'function') return source;
  return () => drawDropoutMasks(resolved, source);
}

/** Loss, accuracy and gradients of the batch `indices` of `examples`. */
export function batchGradients(
  resolved: ResolvedWorkbook,
  examples: readonly Example[],
  indices: readonly number[],
  loss: LossName,
  dropout?: MaskSource,
): BatchGradients {
  const end = lossEnd(resolved, loss);
  const layers = zeroGradients(resolved);
  const scale = 1 / indices.length;
  const maskOf = masksFor(resolved, dropout);
  let total = 0;
  let right = 0;
  let buffers: Evaluation | undefined;
  for (const i of indices) {
    const example = examples[i];
    if (example === undefined) throw new RangeError(`no example ${i}`);
    const masks = maskOf(i);
    const evaluation = forwardPass(resolved, example.input, masks, buffers);
    buffers = evaluation;
    const r = exampleLoss(lossInput(evaluation, end), example, loss);
    total += r.loss;
    if (r.correct === true) right++;
    const seed: Tensor = { shape: r.grad.shape, data: r.grad.data.map((g) => g * scale) };
    const g = backward(resolved, evaluation, seed, masks, end);
    g.layers.forEach((p, k) => {
      const sum = layers[k];
      if (p === null || sum === null || sum === undefined) return;
      addInto(sum.weight.data, p.weight.data);
      addInto(sum.bias, p.bias);
    });
  }
  return { loss: total * scale, accuracy: loss === 'mse' ? null : right * scale, layers };
}

/** Mean loss and accuracy over `indices` of `examples`; no gradients. Dropout is off unless masks are given. */
export function measureBatch(
  resolved: ResolvedWorkbook,
  examples: readonly Example[],
  indices: readonly number[],
  loss: LossName,
  dropout?: MaskSource,
): BatchMeasure {
  const end = lossEnd(resolved, loss);
  const maskOf = masksFor(resolved, dropout);
  let total = 0;
  let right = 0;
  let buffers: Evaluation | undefined;
  for (const i of indices) {
    const example = examples[i];
    if (example === undefined) throw new RangeError(`no example ${i}`);
    buffers = forwardPass(resolved, example.input, maskOf(i), buffers);
    const r = exampleLoss(lossInput(buffers, end), example, loss);
    total += r.loss;
    if (r.correct === true) right++;
  }
  const n = indices.length;
  return { loss: n === 0 ? NaN : total / n, accuracy: loss === 'mse' || n === 0 ? null : right / n };
}

function zeroGradients(resolved: ResolvedWorkbook): (ParameterGradients | null)[] {
  return resolved.layers.map((r) => {
    if (r.type !== 'conv2d' && r.type !== 'dense') return null;
    const w = r.layer.weight;
    const weight = { shape: [...w.shape], data: new Float64Array(w.shape.reduce((a, b) => a * b, 1)) };
    return { weight, bias: new Float64Array(r.layer.bias.shape[0]) };
  });
}

function addInto(sum: Float64Array, values: Float64Array): void {
  for (let k = 0; k < sum.length; k++) sum[k] = (sum[k] ?? 0) + (values[k] ?? 0);
}
