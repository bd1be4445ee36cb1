/**
 * The state of learning as the panel shows it, and the conversation with the worker behind it: starting
 * a session, running, pausing, stepping, Reset, edits made on the sheet meanwhile, and the replies
 * (progress, divergence, the gallery's predictions, the gradient check). The panel renders from the
 * public fields and calls the methods; this class calls back through RunHost.
 */
import type { Example } from '../../src-core/learn/example-set';
import type { GradientCheck } from '../../src-core/learn/gradient-check';
import { initializeWeights } from '../../src-core/learn/init';
import { readFrozenCells } from '../../src-core/learn/frozen';
import type { Issue } from '../../src-core/sheet/issues';
import type { Workbook } from '../../src-core/sheet/types';
import { LearnClient, type WorkerFactory } from './client';
import { Paced } from './paced';
import type { SplitSet } from './examples-source';
import { logEvery, shift } from './history';
import type { GalleryPredictions } from './gallery';
import type { FromWorker, LayerGradients, LogPoint, ParameterValues, StepRecord } from './protocol';
import { paceOf, trainerKey, trainerOptions, type LearnSettings } from './settings';
import {
  editsSince,
  frozenKey,
  parameterValues,
  structureKey,
  valueIn,
  withEdits,
  forWorker,
  withHeld,
  withValues,
} from './weights';

export type RunStatus = 'idle' | 'running' | 'paused' | 'done' | 'diverged' | 'error';

export interface RunHost {
  requestUpdate(): void;
  /** The workbook on the sheet now, the settings, and the examples split into training and test sets. */
  current(): { workbook: Workbook; settings: LearnSettings; split: SplitSet | null };
  /** New weights for the sheet: `live` while running (no undo step), else the end of a run or step. */
  weights(workbook: Workbook, live: boolean): void;
  /** Reset: the weights from before learning, as one undoable change. */
  reset(workbook: Workbook): void;
  status(): void;
}

/** How many of the last weight sets sent to the sheet are remembered to tell them from the learner's edits. */
const RECENT = 6;

/**
 * Shortest time between two drawings while learning runs, in milliseconds: 20 a second keep the numbers
 * moving visibly and leave most of each frame to the rest of the page; at full speed the steps go by
 * too fast to follow anyway, and 10 a second leave the page more time still.
 */
const DRAW_MS = 50;
const FAST_DRAW_MS = 100;

/** Examples used by "Check gradients": every weight costs two passes over each of them. */
export const CHECK_EXAMPLES = 8;

export class LearnRun {
  status: RunStatus = 'idle';
  /** Logged steps for the chart, oldest first (a new list whenever it grows). */
  history: LogPoint[] = [];
  /** Updates made since learning started (across sessions, until Reset). */
  updates = 0;
  epoch = 0;
  last: StepRecord | null = null;
  /** Updates at which the current run stops; null before a run. */
  target: number | null = null;
  gradients: LayerGradients[] = [];
  batch: readonly number[] = [];
  predictions: GalleryPredictions | null = null;
  /** What went wrong or what happened (divergence, refusal, the network changing). */
  message: string | null = null;
  /** The examples changed since learning last ran: the status says so rather than the last run's figures. */
  newExamples = false;
  issues: readonly Issue[] = [];
  check: GradientCheck | null = null;
  checkIssues: readonly Issue[] = [];
  checking = false;

  private readonly client: LearnClient;
  private session = 0;
  private live = false;
  private key = '';
  private splitUsed: SplitSet | null = null;
  /** Updates made before the current session began (sessions restart when settings change). */
  private offset = 0;
  private batchesPerEpoch = 1;
  /** The workbook from before learning: what Reset puts back. */
  private before: Workbook | null = null;
  private structure = '';
  private recent: (readonly ParameterValues[])[] = [];
  private pending: readonly ParameterValues[] | null = null;
  /** The panel redraws, and live weights go to the sheet, at most this often while learning runs. */
  private readonly drawing = new Paced(
    () => this.draw(),
    () => (this.host.current().settings.speed === 'fast' ? FAST_DRAW_MS : DRAW_MS),
  );
  private told: RunStatus = 'idle';
  private answerRequest = 0;

  constructor(
    private readonly host: RunHost,
    factory?: WorkerFactory,
  ) {
    this.client = new LearnClient((m) => this.reply(m), factory);
  }

  get running(): boolean {
    return this.status === 'running';
  }

  /** Reset has something to put back. */
  get learned(): boolean {
    return this.before !== null;
  }

  learn(): void {
    if (this.running) return;
    if (!this.ensureSession()) return;
    this.forgetUndone();
    const { settings } = this.host.current();
    if (this.target === null || this.updates >= this.target)
      this.target = this.updates + this.stepsPerRun(settings);
    this.status = 'running';
    this.message = null;
    this.client.send({ type: 'run', until: this.target - this.offset, pace: paceOf(settings.speed) });
    this.changed();
  }

  pause(): void {
    if (this.running) this.client.send({ type: 'pause' });
  }

  step(): void {
    if (this.running || !this.ensureSession()) return;
    this.forgetUndone();
    this.message = null;
    this.client.send({ type: 'step' });
  }

  reset(): void {
    this.endSession();
    this.check = null;
    const before = this.before;
    this.clear();
    if (before !== null) {
      const { workbook } = this.host.current();
      this.host.reset(withValues(workbook, parameterValues(before, false)));
    }
    this.changed();
  }

  /**
   * After a divergence the weights are those of an earlier step; the chart's points past it (the
   * explosion, left to see) go when learning goes on, so that the steps stay in order.
   */
  private forgetUndone(): void {
    const last = this.history[this.history.length - 1];
    if (last !== undefined && last.step > this.updates) {
      this.history = this.history.filter((p) => p.step <= this.updates);
    }
  }

  /** The learning rate and speed take effect at once, even in the middle of a run. */
  retune(settings: LearnSettings): void {
    if (!this.live) return;
    this.client.send({ type: 'set-lr', lr: settings.lr });
    if (this.running && this.target !== null) {
      this.client.send({ type: 'run', until: this.target - this.offset, pace: paceOf(settings.speed) });
    }
  }

  /** The examples or their split changed: answers and batches shown so far belong to other examples. */
  examplesChanged(): void {
    if (!this.running) this.newExamples = true;
    this.predictions = null;
    this.batch = [];
    this.check = null;
    this.changed();
  }

  /**
   * The sheet's workbook changed: the learner edited a weight, undid a step, or changed the network.
   * `quiet` when the panel itself asked for the new network (a generated set's own).
   */
  workbookChanged(workbook: Workbook, quiet = false): void {
    if (this.before === null && !this.live) return;
    if (structureKey(workbook) !== this.structure) {
      this.endSession();
      this.clear();
      if (!quiet)
        this.message = 'The network changed, so learning starts afresh from the weights on the sheet.';
      this.changed();
      return;
    }
    if (!this.live) return;
    const latest = this.recent[this.recent.length - 1];
    if (latest === undefined) return;
    const edits = editsSince(workbook, latest).filter(
      (e) => !this.recent.some((sent) => Object.is(valueIn(sent, e), e.value)),
    );
    for (const e of edits) this.client.send({ type: 'set-value', ...e });
    if (edits.length > 0) this.remember(withEdits(latest, edits));
  }

  /** Asks for the gallery's answers with the weights on the sheet (outside a session, which sends its own). */
  requestAnswers(): void {
    const { workbook, settings, split } = this.host.current();
    if (this.live || split === null) return;
    this.client.send({
      type: 'answer',
      request: ++this.answerRequest,
      workbook: forWorker(workbook, []),
      train: split.train,
      test: split.test,
      loss: settings.loss,
    });
  }

  checkGradients(): void {
    const { workbook, settings, split } = this.host.current();
    if (split === null) return;
    const examples: Example[] = split.train.slice(0, CHECK_EXAMPLES);
    this.checking = true;
    this.check = null;
    this.checkIssues = [];
    this.client.send({
      type: 'check',
      workbook: forWorker(workbook, settings.held),
      examples,
      loss: settings.loss,
    });
    this.changed();
  }

  close(): void {
    this.drawing.cancel();
    this.client.close();
  }

  private stepsPerRun(s: LearnSettings): number {
    return s.lengthUnit === 'steps' ? s.length : s.length * this.batchesPerEpoch;
  }

  /** Makes sure the worker has a session for the current workbook, settings and examples. */
  private ensureSession(): boolean {
    this.newExamples = false;
    const { workbook, settings, split } = this.host.current();
    if (split === null || split.train.length === 0) {
      this.fail('Choose or load some examples first.', []);
      return false;
    }
    const key = [structureKey(workbook), frozenKey(workbook), trainerKey(settings)].join('|');
    if (this.live && key === this.key && this.splitUsed === split) return true;
    this.endSession();
    let start = workbook;
    if (this.before === null) {
      this.before = workbook;
      this.structure = structureKey(workbook);
      if (settings.init !== 'keep') {
        const frozen = readFrozenCells(workbook);
        // Held layers keep their values: initializeWeights leaves layers that do not train alone.
        start = initializeWeights(withHeld(workbook, settings.held), {
          scheme: settings.init,
          seed: settings.initSeed,
          frozen: frozen.ok ? frozen.value : undefined,
        });
      }
    }
    this.offset = this.updates;
    this.session++;
    this.live = true;
    this.key = key;
    this.splitUsed = split;
    const batch =
      settings.batchSize === 'all' ? split.train.length : Math.min(settings.batchSize, split.train.length);
    this.batchesPerEpoch = Math.ceil(split.train.length / batch);
    this.client.send({
      type: 'start',
      session: this.session,
      workbook: forWorker(start, settings.held),
      train: split.train,
      test: split.test,
      options: trainerOptions(settings),
      logEvery: logEvery(
        split,
        batch,
        settings.lengthUnit === 'steps' ? settings.length : settings.length * this.batchesPerEpoch,
      ),
    });
    if (start !== workbook) this.sendWeights(parameterValues(start, true), true);
    return true;
  }

  private endSession(): void {
    if (this.live) this.client.send({ type: 'stop' });
    this.live = false;
    if (this.running) this.status = 'paused';
  }

  private clear(): void {
    this.before = null;
    this.history = [];
    this.updates = 0;
    this.epoch = 0;
    this.offset = 0;
    this.last = null;
    this.target = null;
    this.gradients = [];
    this.batch = [];
    this.predictions = null;
    this.message = null;
    this.issues = [];
    this.recent = [];
    this.pending = null;
    this.status = 'idle';
  }

  private reply(m: FromWorker): void {
    if (m.type === 'answers') {
      if (m.request === this.answerRequest && !this.live) {
        this.predictions = { train: m.train, test: m.test };
        this.changed();
      }
      return;
    }
    if (m.type === 'checked') {
      this.checking = false;
      if (m.result.ok) this.check = m.result.check;
      else this.checkIssues = m.result.issues;
      this.changed();
      return;
    }
    if (m.session !== this.session && m.session !== -1) return;
    switch (m.type) {
      case 'ready': {
        this.batchesPerEpoch = m.batchesPerEpoch;
        const last = this.history[this.history.length - 1];
        if (last === undefined || last.step !== this.offset)
          this.history = [...this.history, shift(m.start, this.offset)];
        break;
      }
      case 'refused':
        this.live = false;
        this.fail('These examples cannot train this network:', m.issues);
        return;
      case 'progress':
        this.updates = this.offset + m.updates;
        // Whole passes over the training set of the updates kept (a divergence takes some back).
        this.epoch = Math.floor(this.updates / this.batchesPerEpoch);
        this.last = m.steps[m.steps.length - 1] ?? this.last;
        if (m.log.length > 0) this.history = [...this.history, ...m.log.map((p) => shift(p, this.offset))];
        if (m.gradients.length > 0) this.gradients = [...m.gradients];
        if (m.batch.length > 0) this.batch = m.batch;
        this.sendWeights(m.weights, true);
        break;
      case 'stopped':
        this.updates = this.offset + m.updates;
        // Whole passes over the training set of the updates kept (a divergence takes some back).
        this.epoch = Math.floor(this.updates / this.batchesPerEpoch);
        this.status = m.reason === 'diverged' ? 'diverged' : m.reason === 'done' ? 'done' : 'paused';
        if (m.divergence !== null) this.message = m.divergence.message;
        this.sendWeights(m.weights, false);
        break;
      case 'predictions':
        this.predictions = { train: m.train, test: m.test };
        break;
      case 'failed':
        this.live = false;
        this.fail(`Learning failed: ${m.message}`, []);
        return;
    }
    this.changed();
  }

  private fail(message: string, issues: readonly Issue[]): void {
    this.status = 'error';
    this.message = message;
    this.issues = issues;
    this.changed();
  }

  /** Live weights wait for the next drawing (the latest wins); final ones go at once, with a drawing. */
  private sendWeights(values: readonly ParameterValues[], live: boolean): void {
    this.pending = values;
    if (live) this.drawing.request();
    else this.flush(false);
  }

  private flush(live: boolean): void {
    const values = this.pending;
    if (values === null) return;
    this.pending = null;
    this.remember(values);
    this.host.weights(withValues(this.host.current().workbook, values), live);
  }

  private remember(values: readonly ParameterValues[]): void {
    this.recent = [...this.recent.slice(-(RECENT - 1)), values];
  }

  /**
   * Replies arrive many times a frame when learning runs fast: the panel redraws at the pace of
   * `drawing`. A change of state (running, paused, done) is told at once, so that a run shorter than a
   * frame is still seen to start and end.
   */
  private changed(): void {
    if (this.status !== this.told) {
      this.told = this.status;
      this.host.status();
    }
    this.drawing.request();
  }

  private draw(): void {
    this.flush(true);
    this.host.requestUpdate();
    this.host.status();
  }
}
