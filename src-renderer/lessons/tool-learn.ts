import { html, nothing, svg } from 'lit';
import { createRuns, scoreRun, stepRuns, type LessonRun } from '../../src-core/lessons/lesson-learning';
import type { LessonLearning } from '../../src-core/lessons/lesson-types';
import { checked } from '../../src-core/sheet/edit';
import { resolveWorkbook } from '../../src-core/sheet/shapes';
import type { Workbook } from '../../src-core/sheet/types';
import { miniGrid, num } from './mini-grid';
import { LessonTool } from './tool-base';

/** Steps per slice: a slice of the lessons' small networks takes a few ms, so the page stays responsive. */
const SLICE = 5;
const COLOURS = ['#b2182b', '#2166ac', '#1b7837', '#762a83'];

function percent(v: number | null): string {
  return v === null ? '–' : `${Math.round(v * 1000) / 10} %`;
}

/**
 * Learning from the lesson's examples: the sheet's network, and the lesson's rivals (a fully connected
 * network, say), trained side by side with the same settings, a few steps per frame. Shows each run's
 * loss (a chart, log scale) and its accuracy on the training and the held-out examples, and its first
 * layer's weights as images. Keep puts the sheet's learned weights into the sheet (one undoable edit).
 */
export class CsLearnTool extends LessonTool {
  static override properties = {
    ...LessonTool.properties,
    learning: { attribute: false },
    running: { state: true },
    tick: { state: true },
  };

  declare learning: LessonLearning | null;
  declare running: boolean;
  /** Bumped after every slice: the runs change in place. */
  declare tick: number;
  private runs: LessonRun[] | null = null;
  private nets: Workbook[] = [];
  private error = '';
  private timer = 0;

  constructor() {
    super();
    this.learning = null;
    this.running = false;
    this.tick = 0;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  override render() {
    const l = this.learning;
    if (l === null) {
      return html`<p class="hint">
        This lesson has no examples to learn from; the Learn panel trains any sheet.
      </p>`;
    }
    const runs = this.runs;
    const done = runs?.[0]?.losses.length ?? 0;
    return html`<p class="hint">
        ${l.examples.examples.length} training
        examples${l.test === null ? '' : `, ${l.test.examples.length} held out`}; loss ${l.loss},
        ${l.optimizer.name} at learning rate ${l.optimizer.lr}, ${l.steps} steps.
      </p>
      <div class="controls">
        <button
          class="train"
          @click=${this.running ? this.stop : this.start}
          ?disabled=${done >= l.steps && !this.running}
        >
          ${this.running ? 'Pause' : done > 0 ? 'Go on' : 'Train'}
        </button>
        <button @click=${this.reset} ?disabled=${runs === null}>Reset</button>
        <button
          @click=${this.keep}
          ?disabled=${runs === null || this.running}
          title="put the learned weights into the sheet"
        >
          Keep
        </button>
        <span role="status">step ${done} of ${l.steps}</span>
      </div>
      ${this.error === '' ? nothing : html`<p class="warning" role="alert">${this.error}</p>`}
      ${runs === null ? nothing : html`${this.scores(runs, l)} ${this.chart(runs)} ${runs.map((r, i) => this.weights(r, i))}`}`;
  }

  private scores(runs: readonly LessonRun[], l: LessonLearning) {
    const hasAccuracy = l.loss !== 'mse';
    return html`<table aria-label="scores">
        <thead>
          <tr>
            <th>network</th>
            <th>loss</th>
            ${hasAccuracy ? html`<th>training</th>` : nothing}
            ${hasAccuracy && l.test !== null ? html`<th>test</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${runs.map((run, i) => {
            const s = scoreRun(run, l);
            return html`<tr>
              <td class="wrap"><span style="color:${COLOURS[i % COLOURS.length]}">■</span> ${run.title}</td>
              <td>${s.loss < 0.001 ? s.loss.toExponential(1) : num(s.loss, 3)}</td>
              ${hasAccuracy ? html`<td>${percent(s.trainAccuracy)}</td>` : nothing}
              ${hasAccuracy && l.test !== null ? html`<td><b>${percent(s.testAccuracy)}</b></td>` : nothing}
            </tr>`;
          })}
        </tbody>
      </table>
      ${runs.filter((r) => r.diverged !== null).map((r) => html`<p class="warning">${r.title}: ${r.diverged}</p>`)}`;
  }

  /** Every run's loss per step on a log scale, so a fall from 1 to 0.0001 reads as steadily as it happens. */
  private chart(runs: readonly LessonRun[]) {
    const width = 360;
    const height = 90;
    const all = runs.flatMap((r) => r.losses).filter((v) => v > 0 && Number.isFinite(v));
    if (all.length === 0) return nothing;
    const top = Math.log10(Math.max(...all));
    const bottom = Math.min(Math.log10(Math.min(...all)), top - 1);
    const steps = this.learning?.steps ?? 1;
    const y = (v: number) => 4 + ((top - Math.log10(Math.max(v, 1e-300))) / (top - bottom)) * (height - 8);
    return html`<svg
      role="img"
      aria-label="loss per step"
      width=${width}
      height=${height}
      style="display:block;margin:6px 0"
    >
      <rect x="0" y="0" width=${width} height=${height} fill="#fafafa" stroke="#e2e4e8" />
      ${runs.map(
        (r, i) =>
          svg`<polyline fill="none" stroke=${COLOURS[i % COLOURS.length]} stroke-width="1.5"
            points=${r.losses.map((v, s) => `${((s + 1) / steps) * width},${y(v)}`).join(' ')} />`,
      )}
      <text x="4" y="12" font-size="10" fill="#666">loss (log scale)</text>
    </svg>`;
  }

  /** The first weighted layer of a run, each filter or each output's weights shaped as what it reads. */
  private weights(run: LessonRun, i: number) {
    const net = this.nets[i];
    const p = run.trainer.parameters.find((x) => x.kind === 'weight');
    const resolved = net === undefined ? null : resolveWorkbook(net);
    const r = resolved?.ok === true && p !== undefined ? resolved.value.layers[p.layer] : undefined;
    if (p === undefined || r === undefined) return nothing;
    const classes = this.learning?.examples.classes ?? null;
    let grids;
    if (r.type === 'conv2d') {
      const [out, cin, kh, kw] = r.layer.weight.shape;
      grids = Array.from({ length: out * cin }, (_, f) =>
        miniGrid(p.values.subarray(f * kh * kw, (f + 1) * kh * kw), kh, kw, {
          label: cin > 1 ? `filter ${Math.floor(f / cin) + 1} · ch ${(f % cin) + 1}` : `filter ${f + 1}`,
          cell: 28,
        }),
      );
    } else if (r.type === 'dense') {
      const [out, inFeatures] = r.layer.weight.shape;
      const [, h, w] = r.inputShape;
      const flat = h * w === 1;
      const last = r.index === (resolved?.ok === true ? resolved.value.layers.length - 1 : -1);
      grids = Array.from({ length: out }, (_, o) =>
        miniGrid(
          p.values.subarray(o * inFeatures, o * inFeatures + (flat ? inFeatures : h * w)),
          flat ? 1 : h,
          flat ? inFeatures : w,
          {
            label: last && classes?.[o] !== undefined ? `weights for “${classes[o]}”` : `output ${o + 1}`,
            maxWidth: 130,
          },
        ),
      );
    }
    return html`<h3>${run.title}: ${r.layer.name} weights</h3>
      <div class="row">${grids}</div>`;
  }

  private start = (): void => {
    const l = this.learning;
    const workbook = this.resolved?.workbook;
    if (l === null || workbook === undefined) return;
    if (this.runs === null) {
      // With rivals each network goes by its name; alone, it is simply the sheet.
      const title = l.rivals.length > 0 ? (workbook.name ?? 'The sheet') : 'The sheet';
      const runs = createRuns(l, workbook, title);
      if (!runs.ok) {
        this.error = runs.errors.map((e) => e.message).join(' ');
        this.requestUpdate();
        return;
      }
      this.error = '';
      this.runs = runs.value;
      this.nets = [workbook, ...l.rivals.map((r) => r.workbook)];
    }
    this.running = true;
    this.slice();
  };

  private slice = (): void => {
    const l = this.learning;
    if (!this.running || this.runs === null || l === null) return;
    const more = stepRuns(this.runs, SLICE, l.steps);
    this.tick++;
    // A timer, not a busy loop: the page repaints and takes clicks between slices.
    if (more) this.timer = window.setTimeout(this.slice, 0);
    else this.running = false;
  };

  private stop = (): void => {
    window.clearTimeout(this.timer);
    this.running = false;
  };

  private reset = (): void => {
    this.stop();
    this.runs = null;
    this.requestUpdate();
  };

  private keep = (): void => {
    const run = this.runs?.[0];
    if (run === undefined) return;
    const result = checked(run.trainer.workbook(), 0, `learned weights (${run.losses.length} steps)`);
    this.edit({
      result,
      structural: false,
      message: `The sheet now has the weights learned in ${run.losses.length} steps.`,
    });
  };
}

customElements.define('cs-learn-tool', CsLearnTool);

declare global {
  interface HTMLElementTagNameMap {
    'cs-learn-tool': CsLearnTool;
  }
}
