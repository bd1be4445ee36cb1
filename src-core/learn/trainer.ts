/**
 * The training loop, step by step, for the command line and for the app's Web Worker alike.
 *
 * One step: take the next batch (batches.ts), compute its loss and gradients with the weights as they
 * are (minibatch.ts), then let the optimizer update the trainable parameters (optimizer.ts). The loss
 * a step reports is the batch loss before its update, as a PyTorch loop records `loss.item()`.
 *
 * Driving it from a Web Worker: post the workbook and the examples in (both structured-clone, their
 * Float64Arrays included), call createTrainer once, then run a few steps at a time
 * (`trainer.run(n)` or `step()` in a loop, yielding to the worker's message queue between slices)
 * and post back what the UI shows: each report's `loss`, `accuracy` and `gradients` (dL/dw per layer,
 * transferable buffers) and, every few steps, `trainer.workbook()` or the live `parameters`.
 * Messages from the UI map to `setLearningRate` (takes effect at the next step) and `setValue` (an
 * edited weight, used from the next step on). Pause is simply not calling step(); Reset is the UI
 * putting back its own copy of the workbook from before learning.
 */
import { createRandom, type Random } from '../random';
import { missingData } from '../sheet/data';
import { IssueList, type Issue, type Result } from '../sheet/issues';
import type { ResolvedWorkbook } from '../sheet/shapes';
import { resolveWorkbook } from '../sheet/shapes';
import type { Workbook } from '../sheet/types';
import type { ParameterGradients } from './backprop';
import { BatchSchedule } from './batches';
import {
  divergenceMessage,
  finite,
  lossDivergence,
  EXPLODE_FACTOR,
  type Divergence,
  type DivergenceReason,
} from './divergence';
import { checkExamplesFit } from './example-fit';
import type { Example } from './example-set';
import { readFrozenCells, type ParameterKind } from './frozen';
import { hasDropout } from './forward';
import type { LossName } from './losses';
import { batchGradients, measureBatch, type BatchGradients, type BatchMeasure } from './minibatch';
import { checkOptimizerSettings, createOptimizer, type Optimizer, type OptimizerSettings } from './optimizer';
import {
  allFinite,
  restoreValues,
  saveValues,
  snapshot,
  trainableParameters,
  workingCopy,
  type Parameter,
} from './parameters';

export interface TrainerOptions {
  readonly loss: LossName;
  readonly optimizer: OptimizerSettings;
  /** Examples per step; 'all' is full-batch learning. */
  readonly batchSize: number | 'all';
  /** Shuffles the examples at the start of every epoch; null or absent keeps the file's order. */
  readonly shuffleSeed?: number | null;
  /** Seed of the dropout masks drawn while learning (default 1). */
  readonly dropoutSeed?: number;
  /** A loss this many times the first step's is divergence (default 1000). */
  readonly explodeFactor?: number;
  /** Examples held out for measuring (not learned from); checked like the training examples. */
  readonly test?: readonly Example[];
}

export interface StepReport {
  /** Which step this was, from 0. */
  readonly step: number;
  /** The epoch the batch belongs to, from 0. */
  readonly epoch: number;
  /** The batch's examples, by their place in the training set. */
  readonly examples: readonly number[];
  /** The batch loss before this step's update. */
  readonly loss: number;
  /** Share of the batch predicted right before the update; null for mse. */
  readonly accuracy: number | null;
  /** dL/dweight and dL/dbias of the batch loss per layer (null: no weights), frozen layers included. */
  readonly gradients: readonly (ParameterGradients | null)[];
  /** Set when this step diverged: no update was made and the last good weights are back. */
  readonly diverged: Divergence | null;
}

export interface RunReport {
  /** The loss of every step that updated the weights, in order. */
  readonly losses: number[];
  /** The batch accuracy of those steps (null for mse). */
  readonly accuracies: (number | null)[];
  /** Why the run stopped early, when it did. */
  readonly diverged: Divergence | null;
}

export interface Trainer {
  readonly loss: LossName;
  /** Updates made so far. */
  readonly updates: number;
  /** Epochs begun so far (the epoch of the next step). */
  readonly epoch: number;
  readonly batchesPerEpoch: number;
  readonly learningRate: number;
  /** The trainable parameters, their values live (updated in place at every step). */
  readonly parameters: readonly Parameter[];
  /** One batch: loss, gradients, update. */
  step(): StepReport;
  /** Up to `steps` steps; stops at a divergence, or when `onStep` returns false. */
  run(steps: number, onStep?: (report: StepReport) => boolean | void): RunReport;
  /** Whole passes over the training set. */
  runEpochs(epochs: number, onStep?: (report: StepReport) => boolean | void): RunReport;
  /** Loss and accuracy over the whole training or test set with the current weights (dropout off). */
  measure(which: 'train' | 'test'): BatchMeasure;
  /** The workbook with the current values (an independent copy). */
  workbook(): Workbook;
  setLearningRate(lr: number): Issue | null;
  /** Sets one weight or bias value (an edit while learning); used from the next step on. */
  setValue(layer: number, kind: ParameterKind, index: number, value: number): Issue | null;
}

/**
 * A trainer for `workbook` on `examples`, or the issues that prevent learning: a shape-only workbook,
 * examples that do not fit it or the loss, bad optimizer settings or batch size, bad frozen cells,
 * nothing trainable. The workbook passed in is never changed.
 */
export function createTrainer(
  workbook: Workbook,
  examples: readonly Example[],
  options: TrainerOptions,
): Result<Trainer> {
  const issues = new IssueList();
  const fail = (list: readonly Issue[]): Result<Trainer> => {
    for (const i of list) issues.error(i.path, i.message);
    return issues.failure();
  };
  const missing = missingData(workbook);
  if (missing.length > 0) return fail(missing);
  const { batchSize } = options;
  if (batchSize !== 'all' && !(Number.isInteger(batchSize) && batchSize >= 1)) {
    issues.error('batch', `the batch size must be a whole number of at least 1 or "all"; got ${batchSize}`);
  }
  for (const i of checkOptimizerSettings(options.optimizer)) issues.error(i.path, i.message);
  const working = workingCopy(workbook);
  const resolved = resolveWorkbook(working);
  if (!resolved.ok) return fail(resolved.errors);
  for (const i of checkExamplesFit(examples, resolved.value, options.loss)) issues.error(i.path, i.message);
  if (options.test !== undefined && options.test.length > 0) {
    for (const i of checkExamplesFit(options.test, resolved.value, options.loss))
      issues.error(`test ${i.path}`, `test set: ${i.message}`);
  }
  const frozen = readFrozenCells(working);
  if (!frozen.ok) return fail(frozen.errors);
  const params = trainableParameters(working, frozen.value);
  if (params.length === 0) {
    issues.error(
      'layers',
      'nothing to learn: no conv2d or dense layer is trainable (each has "trainable": false, or there is none)',
    );
  }
  if (issues.errors.length > 0) return issues.failure();
  return issues.result(new Training(working, resolved.value, examples, params, options));
}

class Training implements Trainer {
  readonly loss: LossName;
  readonly parameters: readonly Parameter[];
  private readonly schedule: BatchSchedule;
  private readonly optimizer: Optimizer;
  private readonly dropout: Random | undefined;
  private readonly explodeFactor: number;
  /** The first step's loss: what "exploding" is measured against. */
  private firstLoss: number | null = null;
  /** The last weights whose loss was fine, and how many updates they had had. */
  private good: { values: Float64Array[]; updates: number };
  private updateCount = 0;

  constructor(
    private readonly working: Workbook,
    private readonly resolved: ResolvedWorkbook,
    private readonly examples: readonly Example[],
    params: Parameter[],
    private readonly options: TrainerOptions,
  ) {
    this.loss = options.loss;
    this.parameters = params;
    this.schedule = new BatchSchedule(examples.length, options.batchSize, options.shuffleSeed ?? null);
    this.optimizer = createOptimizer(options.optimizer);
    this.dropout = hasDropout(resolved) ? createRandom(options.dropoutSeed ?? 1) : undefined;
    this.explodeFactor = options.explodeFactor ?? EXPLODE_FACTOR;
    this.good = { values: saveValues(params), updates: 0 };
  }

  get updates(): number {
    return this.updateCount;
  }

  get epoch(): number {
    return Math.floor(this.schedule.steps / this.schedule.batchesPerEpoch);
  }

  get batchesPerEpoch(): number {
    return this.schedule.batchesPerEpoch;
  }

  get learningRate(): number {
    return this.optimizer.settings.lr;
  }

  step(): StepReport {
    const step = this.schedule.steps;
    const batch = this.schedule.nextBatch();
    const g = batchGradients(this.resolved, this.examples, batch.examples, this.loss, this.dropout);
    const report = (diverged: Divergence | null): StepReport => ({
      step,
      epoch: batch.epoch,
      examples: batch.examples,
      loss: g.loss,
      accuracy: g.accuracy,
      gradients: g.layers,
      diverged,
    });
    const bad = lossDivergence(g.loss, this.firstLoss, this.explodeFactor);
    // These weights gave a bad loss: go back to the last ones that gave a good one.
    if (bad !== null) return report(this.diverge(bad, step, g.loss));
    this.firstLoss ??= g.loss;
    this.good = { values: saveValues(this.parameters), updates: this.updateCount };
    const grads = this.parameterGradients(g);
    if (!grads.every(finite)) return report(this.diverge('gradient', step, g.loss));
    this.optimizer.step(this.parameters, grads);
    if (!allFinite(this.parameters)) return report(this.diverge('weights', step, g.loss));
    this.updateCount++;
    return report(null);
  }

  run(steps: number, onStep?: (report: StepReport) => boolean | void): RunReport {
    const losses: number[] = [];
    const accuracies: (number | null)[] = [];
    for (let s = 0; s < steps; s++) {
      const r = this.step();
      if (r.diverged !== null) return { losses, accuracies, diverged: r.diverged };
      losses.push(r.loss);
      accuracies.push(r.accuracy);
      if (onStep?.(r) === false) break;
    }
    return { losses, accuracies, diverged: null };
  }

  runEpochs(epochs: number, onStep?: (report: StepReport) => boolean | void): RunReport {
    return this.run(epochs * this.schedule.batchesPerEpoch, onStep);
  }

  measure(which: 'train' | 'test'): BatchMeasure {
    const set = which === 'train' ? this.examples : (this.options.test ?? []);
    return measureBatch(
      this.resolved,
      set,
      set.map((_, i) => i),
      this.loss,
    );
  }

  workbook(): Workbook {
    return snapshot(this.working);
  }

  setLearningRate(lr: number): Issue | null {
    if (!(Number.isFinite(lr) && lr > 0))
      return { path: 'optimizer.lr', message: `the learning rate must be a number above 0; got ${lr}` };
    this.optimizer.setLearningRate(lr);
    return null;
  }

  setValue(layer: number, kind: ParameterKind, index: number, value: number): Issue | null {
    const l = this.working.layers[layer];
    const path = `layers[${layer}].${kind === 'weight' ? 'weight.data' : 'bias'}[${index}]`;
    if (l === undefined || (l.type !== 'conv2d' && l.type !== 'dense'))
      return { path, message: `layers[${layer}] has no weights` };
    if (kind === 'bias' && !l.hasBias)
      return { path, message: `${l.name} has no bias (a bias-free layer stays at zero)` };
    const data = kind === 'weight' ? l.weight.data : l.bias.data;
    if (data === null || !Number.isInteger(index) || index < 0 || index >= data.length)
      return { path, message: `${l.name}: no ${kind} value ${index}` };
    if (!Number.isFinite(value))
      return { path, message: `${l.name}: a ${kind} must be a finite number; got ${value}` };
    data[index] = value;
    return null;
  }

  /** dL/d(each parameter), in the order of `parameters`. */
  private parameterGradients(g: BatchGradients): Float64Array[] {
    return this.parameters.map((p) => {
      const layer = g.layers[p.layer];
      if (layer === null || layer === undefined) throw new RangeError(`no gradient for ${p.path}`);
      return p.kind === 'weight' ? layer.weight.data : layer.bias;
    });
  }

  /** Puts the last good weights back, forgets the optimizer's state, and says what happened. */
  private diverge(reason: DivergenceReason, step: number, loss: number): Divergence {
    restoreValues(this.parameters, this.good.values);
    this.updateCount = this.good.updates;
    this.optimizer.reset();
    const restoredStep = this.good.updates;
    const message = divergenceMessage(reason, step, loss, this.learningRate, restoredStep, this.firstLoss);
    return { reason, step, loss, restoredStep, message };
  }
}
