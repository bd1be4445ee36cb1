import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { ExampleSet } from '../../src-core/learn/example-set';
import { withFrozenCell } from '../../src-core/learn/frozen';
import type { Issue } from '../../src-core/sheet/issues';
import { resolveWorkbook } from '../../src-core/sheet/shapes';
import type { Workbook } from '../../src-core/sheet/types';
import type { WorkerFactory } from './client';
import {
  classNames,
  currentInputExample,
  fitIssues,
  type ExampleSource,
  type SplitSet,
} from './examples-source';
import { LearnExamples } from './examples-state';
import { learnKey, learnObject, readLearnObject } from './learn-object';
import { announcement, statusDetail, statusText } from './learn-status';
import { CHECK_EXAMPLES, LearnRun } from './learn-run';
import { checkSection } from './learn-check';
import { examplesSection, issueList } from './learn-examples';
import { optimizerFields, scheduleFields, startFields, type FormContext } from './learn-form';
import { learnStyles } from './learn-styles';
import { DEFAULT_SETTINGS, SPEEDS, trainerKey, type LearnSettings, type Speed } from './settings';
import { learnTask, type LearnTask } from './tasks';
import { isWeighted, learningLayers, structureKey } from './weights';
import './gallery';
import type { FreezeDetail } from './learn-filters';
import './learn-filters';
import './loss-chart';

/** Outlining the batch is only worth its redraws when the steps are slow enough to follow. */
const NO_BATCH: readonly number[] = [];

export type { LearnStatusDetail } from './learn-status';

export interface LearnWeightsDetail {
  /** The workbook on the sheet with the learned weights and biases (new arrays). */
  readonly workbook: Workbook;
  /** True while a run goes on (show, no undo step); false at the end of a run or a Step (one undo step). */
  readonly live: boolean;
}

/**
 * The Learn drawer: gradient descent on labelled examples, run in a Web Worker, with the filters'
 * numbers and their dL/dw moving as it learns, a loss chart, a gallery of every example with the
 * network's answer, and a gradient check. It never changes the workbook itself: it asks the app.
 *
 * @fires learn-weights - CustomEvent<LearnWeightsDetail>: show these weights on the sheet.
 * @fires learn-reset - CustomEvent<{workbook: Workbook}>: put back the weights from before learning, as one undoable change.
 * @fires learn-open - CustomEvent<{workbook: Workbook}>: open this network (a generated set's own), as one undoable change.
 * @fires learn-state - CustomEvent<{learn: Record<string, unknown>}>: store this as the workbook's `learn` object (settings, loss history, the generated set); it changes no number.
 * @fires learn-status - CustomEvent<LearnStatusDetail>: what learning is doing, for the status line.
 */
export class CsLearnPanel extends LitElement {
  static override properties = {
    workbook: { attribute: false },
    workerFactory: { attribute: false },
    settings: { state: true },
  };

  /** The workbook on the sheet. */
  declare workbook: Workbook | null;
  /** Makes the learning worker; tests may pass an in-process one. */
  declare workerFactory: WorkerFactory | undefined;
  declare settings: LearnSettings;
  /** The examples: which set, how it is split, what reading a file found. */
  readonly examples = new LearnExamples(this, {
    changed: () => {
      this.run.examplesChanged();
      this.saveState();
    },
    taskReady: (task, fresh) => this.taskReady(task, fresh),
    workbook: () => this.workbook,
  });

  private runObject: LearnRun | null = null;
  private factsCache: {
    key: string;
    set: ExampleSet | null;
    facts: { fit: readonly Issue[]; outputs: number };
  } | null = null;
  /** Whether the examples fit the network, as the last render found. */
  private fits = false;
  /** What the gallery's answers were last asked for: workbook, split, loss. */
  private answersFor: unknown[] = [];
  private answersTimer: ReturnType<typeof setTimeout> | undefined;
  /** The `learn` object this panel last read or wrote, to tell a new document's from its own. */
  private learnSeen = '';
  /** Set while the network of a generated set is being opened at the panel's own request. */
  private opening = false;

  static override styles = learnStyles;

  constructor() {
    super();
    this.workbook = null;
    this.workerFactory = undefined;
    this.settings = DEFAULT_SETTINGS;
  }

  /** Learning's state; made on first use, with the worker factory set by then. */
  get run(): LearnRun {
    this.runObject ??= new LearnRun(
      {
        requestUpdate: () => this.requestUpdate(),
        current: () => ({ workbook: this.sheet(), settings: this.settings, split: this.splitSet }),
        weights: (workbook, live) =>
          this.emit('learn-weights', { workbook, live } satisfies LearnWeightsDetail),
        reset: (workbook) => this.emit('learn-reset', { workbook }),
        status: () => this.emitStatus(),
      },
      this.workerFactory,
    );
    return this.runObject;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.answersTimer);
    this.runObject?.close();
    this.runObject = null;
  }

  get source(): ExampleSource | null {
    return this.examples.source;
  }

  get set(): ExampleSet | null {
    return this.examples.set;
  }

  /** Why the last file the learner chose could not be read. */
  get fileIssues(): readonly Issue[] {
    return this.examples.errors;
  }

  get splitSet(): SplitSet | null {
    return this.examples.splitSet(this.settings.testFraction, this.settings.splitSeed);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('workbook') && this.workbook !== null) {
      this.adopt(this.workbook.learn);
      this.run.workbookChanged(this.workbook, this.opening);
      this.opening = false;
    }
  }

  override render() {
    const wb = this.workbook;
    if (wb === null) return html`<p>No workbook.</p>`;
    const run = this.run;
    const s = this.settings;
    const running = run.running;
    const { fit, outputs } = this.shapeFacts(wb);
    this.fits = this.set !== null && fit.length === 0;
    const ready = this.fits && learningLayers(wb, s.held).length > 0;
    const weighted = wb.layers.filter((l) => isWeighted(l) && l.trainable);
    const form: FormContext = {
      settings: s,
      running,
      layers: weighted.map((l) => ({ name: l.name, held: s.held.includes(l.name) })),
      change: this.change,
    };
    const splitSet = this.splitSet;
    return html`<div class="bar" role="toolbar" aria-label="learning">
        <h2>Learn</h2>
        <button
          class="primary"
          ?disabled=${!running && !ready}
          @click=${() => (running ? run.pause() : run.learn())}
        >
          ${running ? 'Pause' : 'Learn'}
        </button>
        <button
          ?disabled=${running || !ready}
          title="one batch: forward, loss, gradients, one update"
          @click=${() => run.step()}
        >
          Step
        </button>
        <button
          ?disabled=${!run.learned}
          title="back to the weights from before learning (undoable)"
          @click=${() => run.reset()}
        >
          Reset
        </button>
        <progress
          aria-label="progress of the run"
          max=${run.target ?? 1}
          .value=${run.target === null ? 0 : run.updates}
        ></progress>
        <span class="status">${statusText(run, this.set?.examples.length ?? 0)}</span>
        <span class="sr" role="status">${announcement(run)}</span>
        <label
          >speed
          <select
            @change=${(e: Event) => this.change({ speed: (e.target as HTMLSelectElement).value as Speed })}
          >
            ${SPEEDS.map((v) => html`<option value=${v} ?selected=${v === s.speed}>${v}</option>`)}
          </select></label
        >
        <button ?disabled=${running || !ready || run.checking} @click=${() => run.checkGradients()}>
          Check gradients
        </button>
      </div>
      ${
        run.message === null
          ? nothing
          : html`<div class="alert" role="alert">
              ${run.message}${run.issues.length > 0 ? issueList(run.issues.slice(0, 4)) : nothing}
            </div>`
      }
      <div class="body">
        <div class="settings">
          ${examplesSection({
            examples: this.examples,
            settings: s,
            running,
            fit,
            shape: wb.input.shape,
            classes: classNames(this.set, s.loss, outputs),
            chooseTask: (id, seed) => void this.examples.chooseTask(id, seed),
            openTaskNetwork: this.openTaskNetwork,
            addCurrentInput: this.addCurrentInput,
            change: this.change,
          })}
          ${optimizerFields(form)} ${scheduleFields(form)} ${startFields(form)}
        </div>
        <div class="chart">
          <cs-loss-chart .points=${run.history}></cs-loss-chart>
          ${checkSection(run.check, run.checkIssues, run.checking, Math.min(CHECK_EXAMPLES, splitSet?.train.length ?? 0))}
        </div>
        <cs-learn-filters
          ?running=${running}
          @learn-freeze=${this.onFreeze}
          .workbook=${wb}
          .layers=${learningLayers(wb, s.held)}
          .gradients=${run.gradients}
        ></cs-learn-filters>
      </div>
      ${
        this.set === null || splitSet === null
          ? nothing
          : html`<cs-example-gallery
              .examples=${this.set.examples}
              .held=${splitSet.held}
              .place=${splitSet.place}
              .classes=${this.set.classes}
              .loss=${s.loss}
              .predictions=${run.predictions}
              .batch=${running && s.speed !== 'slow' ? NO_BATCH : run.batch}
            ></cs-example-gallery>`
      }`;
  }

  protected override updated(): void {
    const key = [this.workbook, this.splitSet, this.settings.loss];
    if (key.every((k, i) => k === this.answersFor[i])) return;
    this.answersFor = key;
    clearTimeout(this.answersTimer);
    // Typing into filters changes the workbook at every keystroke: answer once the typing pauses.
    if (this.fits) this.answersTimer = setTimeout(() => this.run.requestAnswers(), 120);
  }

  /**
   * Whether the examples fit the network, and its number of final outputs (the classes ce can tell
   * apart). Both depend on shapes only, so they are worked out again only when shapes, examples or
   * loss change, not at every frame of live weights.
   */
  private shapeFacts(wb: Workbook): { fit: readonly Issue[]; outputs: number } {
    const key = `${structureKey(wb)}|${this.settings.loss}`;
    const c = this.factsCache;
    if (c !== null && c.key === key && c.set === this.set) return c.facts;
    const r = resolveWorkbook(wb);
    const facts = {
      fit: this.set === null ? [] : fitIssues(this.set, wb, this.settings.loss),
      outputs: r.ok ? r.value.outputShape.reduce((a, b) => a * b, 1) : 2,
    };
    this.factsCache = { key, set: this.set, facts };
    return facts;
  }

  private sheet(): Workbook {
    if (this.workbook === null) throw new Error('the learn panel has no workbook');
    return this.workbook;
  }

  private change = (patch: Partial<LearnSettings>): void => {
    const before = this.settings;
    this.settings = { ...before, ...patch };
    if (trainerKey(before) !== trainerKey(this.settings)) this.run.examplesChanged();
    this.run.retune(this.settings);
    this.saveState();
  };

  private taskReady(task: LearnTask, fresh: boolean): void {
    // A new seed keeps the learner's settings; a newly chosen set brings the settings that learn it.
    if (fresh) this.settings = { ...this.settings, ...task.settings };
    this.run.examplesChanged();
    this.saveState();
    const set = this.set;
    if (
      set !== null &&
      this.workbook !== null &&
      fitIssues(set, this.workbook, this.settings.loss).length > 0
    )
      this.openTaskNetwork();
  }

  private onFreeze = (e: CustomEvent<FreezeDetail>): void => {
    const wb = this.workbook;
    const layer = wb?.layers[e.detail.layer];
    if (wb === null || layer === undefined || (layer.type !== 'conv2d' && layer.type !== 'dense')) return;
    const learn = withFrozenCell(wb, layer, e.detail.kind, e.detail.index, e.detail.frozen);
    this.emit('learn-state', { learn: this.learnObject(learn) });
  };

  private openTaskNetwork = (): void => {
    const task = this.source?.kind === 'task' ? learnTask(this.source.task) : undefined;
    if (task === undefined || this.set === null) return;
    this.opening = true;
    this.emit('learn-open', { workbook: { ...task.network(this.set), learn: this.learnObject({}) } });
  };

  private addCurrentInput = (): void => {
    if (this.workbook === null || this.workbook.input.data === null) return;
    this.examples.add([currentInputExample(this.workbook, this.examples.label)]);
  };

  /** Takes over settings, generated set and loss history saved in a workbook's `learn` object. */
  private adopt(learn: unknown): void {
    const key = learnKey(learn);
    if (key === this.learnSeen) return;
    this.learnSeen = key;
    const saved = readLearnObject(learn);
    if (saved === null) return;
    this.settings = saved.settings;
    if (saved.source !== null && JSON.stringify(saved.source) !== JSON.stringify(this.source)) {
      void this.examples.restore(saved.source);
    } else if (saved.kept !== null) {
      this.examples.reopen(saved.kept.source, saved.kept.set);
    }
    if (this.run.history.length === 0 && saved.history.length > 0) this.run.history = saved.history;
  }

  private learnObject(base: unknown = this.workbook?.learn): Record<string, unknown> {
    const history = this.runObject === null ? [] : this.run.history;
    return learnObject(base, this.settings, this.source, history, this.set);
  }

  private saveState(): void {
    const learn = this.learnObject();
    this.learnSeen = learnKey(learn);
    this.emit('learn-state', { learn });
  }

  private lastStatus = '';

  private emitStatus(): void {
    const detail = statusDetail(this.run);
    const text = JSON.stringify(detail);
    if (text === this.lastStatus) return;
    const finished = detail.state !== 'running' && this.lastStatus.includes('"state":"running"');
    this.lastStatus = text;
    this.emit('learn-status', detail);
    if (finished) this.saveState();
  }

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('cs-learn-panel', CsLearnPanel);

declare global {
  interface HTMLElementTagNameMap {
    'cs-learn-panel': CsLearnPanel;
  }
}
