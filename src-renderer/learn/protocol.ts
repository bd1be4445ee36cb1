/**
 * The messages between the learn panel (main thread) and the learning worker. Everything crosses by
 * structured clone; the worker transfers the buffers it posts (weights, gradients, outputs), so a
 * message costs no copy on arrival.
 *
 * A learning session starts with `start` (workbook, examples, trainer options) and is named by its
 * `session` number: every reply carries it, so the panel drops replies from a session it has already
 * ended (Reset, a changed network) that were in flight.
 */
import type { Divergence } from '../../src-core/learn/divergence';
import type { Example } from '../../src-core/learn/example-set';
import type { ParameterKind } from '../../src-core/learn/frozen';
import type { GradientCheck } from '../../src-core/learn/gradient-check';
import type { LossName } from '../../src-core/learn/losses';
import type { TrainerOptions } from '../../src-core/learn/trainer';
import type { Issue } from '../../src-core/sheet/issues';
import type { Workbook } from '../../src-core/sheet/types';

/**
 * How fast a run goes: `steps` updates per slice and a pause of `waitMs` between slices (so a learner
 * can watch the numbers move), or `fast`: as many updates as fit in a slice of `sliceMs`, then a rest
 * of `restMs`.
 */
export type Pace =
  | { readonly kind: 'steps'; readonly steps: number; readonly waitMs: number }
  | { readonly kind: 'fast'; readonly sliceMs: number; readonly restMs: number };

export interface StartMessage {
  readonly type: 'start';
  readonly session: number;
  /** The network as learning starts (its `trainable` flags and `learn.frozen` say what moves). */
  readonly workbook: Workbook;
  readonly train: readonly Example[];
  readonly test: readonly Example[];
  readonly options: Omit<TrainerOptions, 'test'>;
  /** Measure the whole training and test sets after every `logEvery` updates (and before the first). */
  readonly logEvery: number;
}

export type ToWorker =
  | StartMessage
  /** Runs until the trainer has made `until` updates in all (null: until paused). */
  | { readonly type: 'run'; readonly until: number | null; readonly pace: Pace }
  | { readonly type: 'pause' }
  /** One batch, then stops. */
  | { readonly type: 'step' }
  /** Takes effect at the next step. */
  | { readonly type: 'set-lr'; readonly lr: number }
  /** A weight edited on the sheet while learning: used from the next step on. */
  | {
      readonly type: 'set-value';
      readonly layer: number;
      readonly kind: ParameterKind;
      readonly index: number;
      readonly value: number;
    }
  /** The network's answer to every example, for the gallery. */
  | { readonly type: 'predict' }
  /** The answers of the network as it is on the sheet, outside any session (before learning). */
  | {
      readonly type: 'answer';
      readonly request: number;
      readonly workbook: Workbook;
      readonly train: readonly Example[];
      readonly test: readonly Example[];
      readonly loss: LossName;
    }
  /** Central differences against backpropagation for every trainable weight. */
  | {
      readonly type: 'check';
      readonly workbook: Workbook;
      readonly examples: readonly Example[];
      readonly loss: LossName;
    }
  /** Ends the session (the trainer is dropped). */
  | { readonly type: 'stop' };

/** The values of one trainable parameter, as Trainer.parameters lists them. */
export interface ParameterValues {
  readonly layer: number;
  readonly kind: ParameterKind;
  readonly values: Float64Array;
}

/** dL/dweight and dL/dbias of one layer's parameters for the batch just learned from. */
export interface LayerGradients {
  readonly layer: number;
  /** Shaped like the layer's weight (OUT x IN x KH x KW or OUT x IN), row-major. */
  readonly weight: Float64Array;
  readonly bias: Float64Array;
}

/** A point of the loss chart: the whole training and test sets measured after `step` updates. */
export interface LogPoint {
  readonly step: number;
  readonly trainLoss: number;
  /** Share of the training set predicted right; null for mse. */
  readonly trainAccuracy: number | null;
  /** Null when no examples are held out. */
  readonly testLoss: number | null;
  readonly testAccuracy: number | null;
}

/** One update: its batch loss (before the update) and batch accuracy. */
export interface StepRecord {
  readonly step: number;
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number | null;
}

/**
 * The network's answers to a list of examples, packed into three arrays so that a message carries
 * three buffers however many examples there are (hundreds of small transferred buffers made the main
 * thread's task of receiving the message long).
 */
export interface Answers {
  readonly count: number;
  /** Shape of one example's output; each takes `size` values of `outputs`, one after another. */
  readonly outputShape: readonly number[];
  readonly size: number;
  readonly outputs: Float64Array;
  readonly losses: Float64Array;
  /** Predicted class of each example; -1 for mse. */
  readonly predicted: Int32Array;
}

/** Answers to no examples, in buffers of their own (they are transferred, so never shared). */
export function noAnswers(): Answers {
  return {
    count: 0,
    outputShape: [],
    size: 0,
    outputs: new Float64Array(0),
    losses: new Float64Array(0),
    predicted: new Int32Array(0),
  };
}

/** The answer to example `i` (views into the packed arrays, no copy). */
export function answerOf(a: Answers, i: number): Prediction | undefined {
  if (!(i >= 0 && i < a.count)) return undefined;
  const predicted = a.predicted[i] ?? -1;
  return {
    output: a.outputs.subarray(i * a.size, (i + 1) * a.size),
    outputShape: a.outputShape,
    loss: a.losses[i] ?? NaN,
    predicted: predicted < 0 ? null : predicted,
  };
}

/** The network's answer to one example. */
export interface Prediction {
  /** What the loss reads: the final output (mse), the single logit (bce) or the logits (ce). */
  readonly output: Float64Array;
  readonly outputShape: readonly number[];
  readonly loss: number;
  /** The predicted class (bce: logit > 0 is class 1; ce: the largest logit); null for mse. */
  readonly predicted: number | null;
}

export type StopReason = 'paused' | 'done' | 'stepped' | 'diverged';

export type FromWorker =
  | {
      readonly type: 'ready';
      readonly session: number;
      readonly batchesPerEpoch: number;
      /** The sets measured with the starting weights. */
      readonly start: LogPoint;
    }
  /** The trainer could not be made: examples that do not fit, bad settings. */
  | { readonly type: 'refused'; readonly session: number; readonly issues: readonly Issue[] }
  | {
      readonly type: 'progress';
      readonly session: number;
      /** Updates made so far. */
      readonly updates: number;
      readonly epoch: number;
      readonly steps: readonly StepRecord[];
      readonly log: readonly LogPoint[];
      /** Of the last batch of this slice, per trainable layer. */
      readonly gradients: readonly LayerGradients[];
      /** Examples (by their place in the training set) of the last batch. */
      readonly batch: readonly number[];
      readonly weights: readonly ParameterValues[];
    }
  | {
      readonly type: 'stopped';
      readonly session: number;
      readonly reason: StopReason;
      readonly updates: number;
      readonly divergence: Divergence | null;
      /** The weights now (after a divergence: the last good ones, put back). */
      readonly weights: readonly ParameterValues[];
    }
  | {
      readonly type: 'predictions';
      readonly session: number;
      readonly step: number;
      readonly train: Answers;
      readonly test: Answers;
    }
  | {
      readonly type: 'answers';
      readonly request: number;
      readonly train: Answers;
      readonly test: Answers;
    }
  | {
      readonly type: 'checked';
      readonly result:
        | { readonly ok: true; readonly check: GradientCheck }
        | { readonly ok: false; readonly issues: readonly Issue[] };
    }
  /** Something unexpected went wrong in the worker (a bug, not bad input). */
  | { readonly type: 'failed'; readonly session: number; readonly message: string };

/** The buffers of a message that can be transferred rather than copied. */
export function transferables(message: FromWorker): Transferable[] {
  const buffers: ArrayBufferLike[] = [];
  if (message.type === 'progress' || message.type === 'stopped') {
    for (const w of message.weights) buffers.push(w.values.buffer);
  }
  if (message.type === 'progress') {
    for (const g of message.gradients) buffers.push(g.weight.buffer, g.bias.buffer);
  }
  if (message.type === 'predictions' || message.type === 'answers') {
    for (const a of [message.train, message.test])
      buffers.push(a.outputs.buffer, a.losses.buffer, a.predicted.buffer);
  }
  // A buffer listed twice makes postMessage throw; a shared view would be listed twice.
  return [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
