import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { lessonMismatches } from '../../src-core/lessons/lesson-check';
import { LESSON_TOOLS, type Lesson, type LessonTool } from '../../src-core/lessons/lesson-types';
import { checked } from '../../src-core/sheet/edit';
import type { Evaluation } from '../../src-core/sheet/evaluate';
import type { CellRef } from '../../src-core/sheet/precedents';
import { resolveWorkbook, type ResolvedWorkbook } from '../../src-core/sheet/shapes';
import { toolStyles } from './lesson-styles';
import { lessonText } from './lesson-text-view';
import type { LessonEditDetail } from './tool-base';
import { TranslationTracker } from './translation-tracker';
import './tool-counting';
import './tool-dropout-code';
import './tool-learn';
import './tool-space';
import './tool-symbolic';
import './tool-views';
import './tool-window';

/** A lesson opened from the menu (a new object each time, so choosing it again starts it over); null: the tools alone. */
export interface OpenedLesson {
  readonly lesson: Lesson | null;
}

const TOOL_NAMES: Readonly<Record<LessonTool, string>> = {
  window: 'Sliding window',
  symbolic: 'Letters',
  views: 'Dot product',
  flip: 'Flip',
  counting: 'Counting',
  receptive: 'Receptive field',
  translate: 'Translate',
  dropout: 'Dropout',
  code: 'PyTorch',
  learn: 'Learn',
};

/**
 * The lesson side panel: the lesson's guided text step by step (Back / Next), each step setting up the
 * sheet (through undoable edits the app applies), selecting a cell and opening a teaching tool; below
 * it the tools, which work on any sheet, lesson or not.
 *
 * @fires lesson-edit - CustomEvent<LessonEditDetail>: change the sheet (a step's workbook, a tool's edit).
 * @fires lesson-select - CustomEvent<CellRef>: select this cell on the sheet.
 * @fires lesson-close - the panel was closed.
 */
export class CsLessonPanel extends LitElement {
  static override properties = {
    opened: { attribute: false },
    resolved: { attribute: false },
    evaluation: { attribute: false },
    selectedCell: { attribute: false },
    step: { state: true },
    tool: { state: true },
  };

  declare opened: OpenedLesson | null;
  declare resolved: ResolvedWorkbook | null;
  declare evaluation: Evaluation | null;
  declare selectedCell: CellRef | null;
  declare step: number;
  declare tool: LessonTool;
  private toolLayer: number | null = null;
  private preset: string | null = null;
  /** The step to set up once rendered (a newly opened lesson starts at its first). */
  private pending: { step: number; from: number | null } | null = null;
  private tracker = new TranslationTracker();
  private mismatchNote = '';

  static override styles = [
    toolStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        width: 420px;
        min-height: 0;
        overflow: auto;
        background: #fff;
        border-left: 1px solid #d8dbe0;
        padding: 8px 12px 16px;
        box-sizing: border-box;
      }
      header {
        display: flex;
        align-items: baseline;
        gap: 8px;
      }
      h2 {
        font-size: 14px;
        margin: 0;
        flex: 1;
      }
      .close {
        border: none;
        background: none;
        font-size: 16px;
        cursor: pointer;
      }
      .steps {
        display: flex;
        align-items: center;
        gap: 8px;
        margin: 6px 0 2px;
      }
      .steps .count {
        color: #555;
        flex: 1;
      }
      .step h3 {
        font-size: 13px;
        margin: 6px 0 2px;
      }
      .step {
        line-height: 1.5;
        border-bottom: 1px solid #e2e4e8;
        padding-bottom: 6px;
      }
      .step code {
        background: #f3f4f6;
        padding: 0 3px;
        border-radius: 2px;
      }
      ul {
        margin: 4px 0;
        padding-left: 18px;
      }
      .tabs {
        display: flex;
        flex-wrap: wrap;
        gap: 3px;
        margin: 8px 0 6px;
      }
      .tabs button {
        border: 1px solid #c8ccd2;
        background: #f7f7f8;
        border-radius: 3px;
        padding: 1px 6px;
        cursor: pointer;
      }
      .tabs button[aria-pressed='true'] {
        background: #1f4e8c;
        border-color: #1f4e8c;
        color: #fff;
      }
    `,
  ];

  constructor() {
    super();
    this.opened = null;
    this.resolved = null;
    this.evaluation = null;
    this.selectedCell = null;
    this.step = 0;
    this.tool = 'window';
  }

  private get lesson(): Lesson | null {
    return this.opened?.lesson ?? null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('opened')) {
      this.step = 0;
      const lesson = this.lesson;
      this.pending = lesson === null ? null : { step: 0, from: null };
      if (lesson !== null) this.configure(0);
      const wrong = lesson === null ? [] : lessonMismatches(lesson);
      this.mismatchNote =
        wrong.length === 0
          ? ''
          : `This lesson quotes ${wrong.length} number${wrong.length === 1 ? '' : 's'} the sheet does not compute (first: step ${(wrong[0]?.step ?? 0) + 1}, ${wrong[0]?.quoted} where the sheet has ${wrong[0]?.computed}).`;
    }
    if (changed.has('evaluation') && this.resolved !== null && this.evaluation !== null) {
      this.tracker.observe(this.resolved, this.evaluation);
    }
  }

  protected override updated(): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    this.sync(p.step, p.from);
  }

  override render() {
    const lesson = this.lesson;
    const step = lesson?.steps[this.step];
    const tools = LESSON_TOOLS.filter((t) => t !== 'learn' || (lesson?.learning ?? null) !== null);
    return html`<header>
        <h2>${lesson?.title ?? 'Teaching tools'}</h2>
        <button class="close" aria-label="close the lesson panel" title="Close" @click=${this.close}>
          ×
        </button>
      </header>
      ${
        lesson === null || step === undefined
          ? html`<p class="hint">Tools for any sheet: pick one below. Lessons are in the Lesson menu.</p>`
          : html`<div class="steps">
                <button @click=${() => this.goTo(this.step - 1)} ?disabled=${this.step === 0}>Back</button>
                <span class="count" aria-live="polite">Step ${this.step + 1} of ${lesson.steps.length}</span>
                <button
                  class="next"
                  @click=${() => this.goTo(this.step + 1)}
                  ?disabled=${this.step >= lesson.steps.length - 1}
                >
                  Next
                </button>
              </div>
              <section class="step" aria-label="lesson step">
                <h3>${step.title}</h3>
                ${lessonText(step.text)}
              </section>
              ${this.mismatchNote === '' ? nothing : html`<p class="warning">${this.mismatchNote}</p>`}`
      }
      <div class="tabs" role="group" aria-label="teaching tools">
        ${tools.map(
          (t) =>
            html`<button aria-pressed=${t === this.tool ? 'true' : 'false'} @click=${() => (this.tool = t)}>
              ${TOOL_NAMES[t]}
            </button>`,
        )}
      </div>
      ${this.renderTool()}`;
  }

  private renderTool() {
    const common = {
      resolved: this.resolved,
      evaluation: this.evaluation,
      layer: this.toolLayer,
      cell: this.selectedCell,
    };
    switch (this.tool) {
      case 'window':
        return html`<cs-window-tool
          .resolved=${common.resolved}
          .evaluation=${common.evaluation}
          .layer=${common.layer}
          .selectedCell=${common.cell}
        ></cs-window-tool>`;
      case 'symbolic':
        return html`<cs-symbolic-tool
          .resolved=${common.resolved}
          .evaluation=${common.evaluation}
          .layer=${common.layer}
          .selectedCell=${common.cell}
        ></cs-symbolic-tool>`;
      case 'views':
        return html`<cs-views-tool
          .resolved=${common.resolved}
          .evaluation=${common.evaluation}
          .layer=${common.layer}
          .selectedCell=${common.cell}
        ></cs-views-tool>`;
      case 'flip':
        return html`<cs-flip-tool
          .resolved=${common.resolved}
          .evaluation=${common.evaluation}
          .layer=${common.layer}
          .selectedCell=${common.cell}
        ></cs-flip-tool>`;
      case 'counting':
        return html`<cs-counting-tool
          .resolved=${common.resolved}
          .preset=${this.preset}
        ></cs-counting-tool>`;
      case 'receptive':
        return html`<cs-receptive-tool
          .resolved=${common.resolved}
          .selectedCell=${common.cell}
        ></cs-receptive-tool>`;
      case 'translate':
        return html`<cs-translate-tool
          .resolved=${common.resolved}
          .report=${this.tracker.report}
        ></cs-translate-tool>`;
      case 'dropout':
        return html`<cs-dropout-tool
          .resolved=${common.resolved}
          .evaluation=${common.evaluation}
          .layer=${common.layer}
        ></cs-dropout-tool>`;
      case 'code':
        return html`<cs-code-tool
          .resolved=${common.resolved}
          .layer=${common.layer}
          .selectedCell=${common.cell}
        ></cs-code-tool>`;
      case 'learn':
        return html`<cs-learn-tool
          .resolved=${common.resolved}
          .learning=${this.lesson?.learning ?? null}
        ></cs-learn-tool>`;
    }
  }

  /** Moves to step `i`, setting the sheet up as that step wants it. */
  goTo(i: number): void {
    const lesson = this.lesson;
    if (lesson === null || i < 0 || i >= lesson.steps.length || i === this.step) return;
    const from = this.step;
    this.step = i;
    this.configure(i);
    this.sync(i, from);
  }

  /** The tool, layer and preset step `i` asks for. */
  private configure(i: number): void {
    const step = this.lesson?.steps[i];
    if (step === undefined) return;
    if (step.tool !== null) this.tool = step.tool;
    this.toolLayer = step.layer;
    this.preset = step.preset;
  }

  /** Asks the app for the sheet and the selection step `i` wants. */
  private sync(i: number, from: number | null): void {
    const lesson = this.lesson;
    const step = lesson?.steps[i];
    const state = lesson?.states[i];
    if (lesson === null || step === undefined || state === undefined) return;
    // A step changes the sheet only when it differs from the step the learner came from: edits
    // made while reading a step survive Next, unless the next step sets the sheet up anew.
    if (from === null || lesson.states[from] !== state) {
      const label = `${lesson.title}, step ${i + 1}: ${step.title}`;
      this.fire<LessonEditDetail>('lesson-edit', {
        result: checked(state, 0, label),
        structural: true,
        message: from === null ? `Lesson: ${lesson.title}` : label,
        withView: true,
      });
    }
    const s = step.select;
    const resolved = s === null ? null : resolveWorkbook(state);
    if (s !== null && resolved?.ok === true) {
      const shape = s.layer === -1 ? resolved.value.inputShape : resolved.value.layers[s.layer]?.outputShape;
      if (shape !== undefined) {
        this.fire<CellRef>('lesson-select', {
          layer: s.layer,
          index: (s.channel * shape[1] + s.row) * shape[2] + s.col,
        });
      }
    }
  }

  private close = (): void => {
    this.fire('lesson-close', null);
  };

  private fire<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('cs-lesson-panel', CsLessonPanel);

declare global {
  interface HTMLElementTagNameMap {
    'cs-lesson-panel': CsLessonPanel;
  }
}
