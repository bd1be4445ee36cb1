/**
 * What the learning worker does, apart from the worker itself: a Trainer (src-core/learn) driven in
 * slices, answering the protocol's messages. It never blocks for long: a run is cut into slices, and
 * between slices it gives control back (`later`), so a `pause` or `set-lr` posted meanwhile is handled
 * before the next slice. Kept free of worker globals so that tests can drive it in-process.
 */
import type { Example } from '../../src-core/learn/example-set';
import { checkGradients } from '../../src-core/learn/gradient-check';
import { createTrainer, type StepReport, type Trainer } from '../../src-core/learn/trainer';
import type {
  FromWorker,
  LogPoint,
  Pace,
  ParameterValues,
  StartMessage,
  StepRecord,
  StopReason,
  ToWorker,
} from './protocol';
import { transferables } from './protocol';
import { Predictor } from './predictor';

export interface LearnerHost {
  post(message: FromWorker, transfer: Transferable[]): void;
  /** Calls `fn` after `ms` milliseconds, letting queued messages in first. */
  later(fn: () => void, ms: number): void;
  now(): number;
}

/** The gallery's answers are recomputed at most this often while running. */
const PREDICT_EVERY_MS = 400;

interface Session {
  readonly id: number;
  readonly trainer: Trainer;
  readonly predictor: Predictor;
  readonly train: readonly Example[];
  readonly test: readonly Example[];
  readonly logEvery: number;
  until: number | null;
  pace: Pace;
  running: boolean;
  /** Bumped by every run, pause and stop, so a slice scheduled by an older run does nothing. */
  generation: number;
  lastPredict: number;
}

export class Learner {
  private session: Session | null = null;

  constructor(private readonly host: LearnerHost) {}

  handle(message: ToWorker): void {
    try {
      this.dispatch(message);
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.send({ type: 'failed', session: this.session?.id ?? -1, message: text });
      if (this.session !== null) this.session.running = false;
    }
  }

  private dispatch(message: ToWorker): void {
    const s = this.session;
    switch (message.type) {
      case 'start':
        return this.start(message);
      case 'check':
        return this.check(message.workbook, message.examples, message.loss);
      case 'answer': {
        const predictor = new Predictor(message.workbook, message.loss);
        this.send({
          type: 'answers',
          request: message.request,
          train: predictor.answers(message.train),
          test: predictor.answers(message.test),
        });
        return;
      }
      case 'stop':
        if (s !== null) s.generation++;
        this.session = null;
        return;
    }
    if (s === null) return;
    switch (message.type) {
      case 'run':
        s.until = message.until;
        s.pace = message.pace;
        if (!s.running) {
          s.running = true;
          s.generation++;
          this.slice(s, s.generation);
        }
        return;
      case 'pause':
        if (s.running) this.halt(s, 'paused', null);
        return;
      case 'step':
        if (s.running) return;
        {
          let left = 1;
          if (this.advance(s, () => left-- > 0)) this.halt(s, 'stepped', null);
        }
        return;
      case 'set-lr': {
        const issue = s.trainer.setLearningRate(message.lr);
        if (issue !== null) this.send({ type: 'failed', session: s.id, message: issue.message });
        return;
      }
      case 'set-value':
        s.trainer.setValue(message.layer, message.kind, message.index, message.value);
        // Paused, the gallery would otherwise show answers to weights the learner has just changed.
        if (!s.running) this.predict(s);
        return;
      case 'predict':
        this.predict(s);
        return;
    }
  }

  private start(m: StartMessage): void {
    if (this.session !== null) this.session.generation++;
    this.session = null;
    const made = createTrainer(m.workbook, m.train, { ...m.options, test: m.test });
    if (!made.ok) {
      this.send({ type: 'refused', session: m.session, issues: made.errors });
      return;
    }
    const trainer = made.value;
    const s: Session = {
      id: m.session,
      trainer,
      predictor: new Predictor(m.workbook, m.options.loss),
      train: m.train,
      test: m.test,
      logEvery: Math.max(1, Math.floor(m.logEvery)),
      until: null,
      pace: { kind: 'fast', sliceMs: 20, restMs: 0 },
      running: false,
      generation: 0,
      lastPredict: -Infinity,
    };
    this.session = s;
    this.send({
      type: 'ready',
      session: s.id,
      batchesPerEpoch: trainer.batchesPerEpoch,
      start: this.measure(s),
    });
    this.predict(s);
  }

  /** One slice of a run, then the next one later, until the run ends. */
  private slice(s: Session, generation: number): void {
    if (this.session !== s || s.generation !== generation || !s.running) return;
    const started = this.host.now();
    const pace = s.pace;
    const most = pace.kind === 'steps' ? pace.steps : Number.POSITIVE_INFINITY;
    const budget = pace.kind === 'fast' ? pace.sliceMs : Number.POSITIVE_INFINITY;
    let count = 0;
    const more = (): boolean =>
      count++ < most &&
      this.host.now() - started < budget &&
      (s.until === null || s.trainer.updates < s.until);
    if (!this.advance(s, more)) return;
    if (s.until !== null && s.trainer.updates >= s.until) {
      this.halt(s, 'done', null);
      return;
    }
    if (this.host.now() - s.lastPredict > PREDICT_EVERY_MS) this.predict(s);
    this.host.later(() => this.slice(s, generation), pace.kind === 'steps' ? pace.waitMs : pace.restMs);
  }

  /**
   * Takes steps while `more()` says so and posts them as one progress message. Returns false when the
   * session stopped because learning diverged.
   */
  private advance(s: Session, more: () => boolean): boolean {
    const steps: StepRecord[] = [];
    const log: LogPoint[] = [];
    let last: StepReport | null = null;
    while (more()) {
      const r = s.trainer.step();
      if (r.diverged !== null) {
        this.progress(s, steps, log, last);
        this.halt(s, 'diverged', r);
        return false;
      }
      last = r;
      steps.push({ step: r.step, epoch: r.epoch, loss: r.loss, accuracy: r.accuracy });
      if (s.trainer.updates % s.logEvery === 0) log.push(this.measure(s));
    }
    this.progress(s, steps, log, last);
    return true;
  }

  private progress(s: Session, steps: StepRecord[], log: LogPoint[], last: StepReport | null): void {
    if (steps.length === 0 && log.length === 0) return;
    const gradients =
      last === null
        ? []
        : last.gradients.flatMap((g, layer) =>
            g === null || !s.trainer.parameters.some((p) => p.layer === layer)
              ? []
              : [{ layer, weight: g.weight.data, bias: g.bias }],
          );
    this.send({
      type: 'progress',
      session: s.id,
      updates: s.trainer.updates,
      epoch: s.trainer.epoch,
      steps,
      log,
      gradients,
      batch: last?.examples ?? [],
      weights: this.weights(s),
    });
  }

  /** Ends a run: posts the weights now and why it stopped, and the gallery's answers to them. */
  private halt(s: Session, reason: StopReason, diverged: StepReport | null): void {
    s.running = false;
    s.generation++;
    // Where a run stops is always a point of the chart, even between two logged steps.
    if (reason !== 'diverged' && s.trainer.updates % s.logEvery !== 0) {
      this.progress(s, [], [this.measure(s)], null);
    }
    this.send({
      type: 'stopped',
      session: s.id,
      reason,
      updates: s.trainer.updates,
      divergence: diverged?.diverged ?? null,
      weights: this.weights(s),
    });
    this.predict(s);
  }

  private measure(s: Session): LogPoint {
    const train = s.trainer.measure('train');
    const test = s.test.length > 0 ? s.trainer.measure('test') : null;
    return {
      step: s.trainer.updates,
      trainLoss: train.loss,
      trainAccuracy: train.accuracy,
      testLoss: test?.loss ?? null,
      testAccuracy: test?.accuracy ?? null,
    };
  }

  private weights(s: Session): ParameterValues[] {
    return s.trainer.parameters.map((p) => ({ layer: p.layer, kind: p.kind, values: p.values.slice() }));
  }

  private predict(s: Session): void {
    s.lastPredict = this.host.now();
    s.predictor.setWeights(s.trainer.parameters);
    this.send({
      type: 'predictions',
      session: s.id,
      step: s.trainer.updates,
      train: s.predictor.answers(s.train),
      test: s.predictor.answers(s.test),
    });
  }

  private check(
    workbook: StartMessage['workbook'],
    examples: readonly Example[],
    loss: StartMessage['options']['loss'],
  ): void {
    const r = checkGradients(workbook, examples, loss);
    this.send({
      type: 'checked',
      result: r.ok ? { ok: true, check: r.value } : { ok: false, issues: r.errors },
    });
  }

  private send(message: FromWorker): void {
    this.host.post(message, transferables(message));
  }
}
